/**
 * Reorder point and suggested order quantity for one product (docs/replenishment.md), from its
 * forecast, its supplier's lead time, pack size and minimum order, and its stock position. Every
 * suggestion carries the figures it was made from, so the console can say why.
 */
import { demandOver, normalQuantile, type Forecast, type Weekday } from './forecast.ts';

export type ReplenishmentPolicy = {
  /** probability of not running out during the lead time, in basis points (9500 = 95 %) */
  readonly serviceLevelBp: number;
  /** days between orders: what is ordered must last the lead time plus this */
  readonly reviewDays: number;
  /** on hand covering more than this many days of demand is slow stock */
  readonly slowCoverDays: number;
  /** on hand with no sale for this many days is dead stock */
  readonly deadAfterDays: number;
};

export const DEFAULT_REPLENISHMENT_POLICY: ReplenishmentPolicy = {
  serviceLevelBp: 9500,
  reviewDays: 7,
  slowCoverDays: 90,
  deadAfterDays: 60,
};

export type SupplyTerms = {
  readonly leadTimeDays: number;
  /** the supplier sells in packs of this many units (grams for weighed goods); 1 = any quantity */
  readonly packSize: number;
  /** the smallest quantity the supplier accepts for this product (0 = none) */
  readonly minOrder: number;
};

export type StockPosition = {
  readonly onHand: number;
  readonly onOrder: number;
};

export type StockFlag = 'negative' | 'dead' | 'slow';

export type Suggestion = {
  /** the figures the suggestion is made from, rounded for display */
  readonly demandPerDay: number;
  readonly leadTimeDays: number;
  readonly reviewDays: number;
  readonly serviceLevelBp: number;
  readonly z: number;
  readonly demandOverLeadTime: number;
  readonly safetyStock: number;
  readonly reorderPoint: number;
  /** reorder point plus the demand over the review period: what an order brings the position up to */
  readonly orderUpTo: number;
  readonly onHand: number;
  readonly onOrder: number;
  /** orderUpTo − (onHand + onOrder) when the position is at or below the reorder point, else 0 */
  readonly rawQuantity: number;
  /** rawQuantity rounded up to the pack size and to the minimum order */
  readonly quantity: number;
  readonly packSize: number;
  readonly minOrder: number;
  /** on hand over demand per day; null when nothing is forecast */
  readonly daysOfCover: number | null;
  /** sales over the window per unit on hand, a year's worth; null when nothing is on hand */
  readonly turnoverPerYear: number | null;
  readonly flags: readonly StockFlag[];
};

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Round a wanted quantity up to whole packs, and up to the minimum order (itself in whole packs). */
export function roundOrderQuantity(raw: number, packSize: number, minOrder: number): number {
  if (!Number.isInteger(packSize) || packSize < 1)
    throw new Error('roundOrderQuantity: packSize must be a positive integer');
  if (!(raw > 0)) return 0;
  // a need within float noise of whole packs is those packs; one of a billionth of a pack is none
  const packs = Math.ceil(raw / packSize - 1e-9);
  if (packs <= 0) return 0;
  const minPacks = Math.ceil(Math.max(0, minOrder) / packSize - 1e-9);
  return Math.max(packs, minPacks) * packSize;
}

export type SuggestionInput = {
  readonly forecast: Forecast;
  /** weekday of the first day the order's lead time covers (tomorrow when run after today's close) */
  readonly firstWeekday: Weekday;
  readonly terms: SupplyTerms;
  readonly stock: StockPosition;
  readonly policy: ReplenishmentPolicy;
  /** units sold over the history window, and how many days it spans */
  readonly soldInWindow: number;
  readonly windowDays: number;
  /** days since the last sale; null if it never sold */
  readonly daysSinceLastSale: number | null;
};

export function suggestReplenishment(input: SuggestionInput): Suggestion {
  const { forecast, terms, stock, policy } = input;
  const p = policy.serviceLevelBp / 10_000;
  const z = normalQuantile(p);
  const demandOverLeadTime = demandOver(forecast, input.firstWeekday, terms.leadTimeDays);
  const safetyStock = Math.max(0, z * forecast.sigma * Math.sqrt(terms.leadTimeDays));
  const reorderPoint = Math.ceil(demandOverLeadTime + safetyStock - 1e-9);
  const cycleDemand =
    demandOver(forecast, input.firstWeekday, terms.leadTimeDays + policy.reviewDays) - demandOverLeadTime;
  const orderUpTo = Math.ceil(demandOverLeadTime + cycleDemand + safetyStock - 1e-9);
  const position = stock.onHand + stock.onOrder;
  const rawQuantity = position <= reorderPoint && forecast.level > 0 ? Math.max(0, orderUpTo - position) : 0;
  const quantity = roundOrderQuantity(rawQuantity, terms.packSize, terms.minOrder);
  const daysOfCover = forecast.level > 0 ? round2(Math.max(0, stock.onHand) / forecast.level) : null;
  const turnoverPerYear =
    stock.onHand > 0 && input.windowDays > 0
      ? round2(((input.soldInWindow / input.windowDays) * 365) / stock.onHand)
      : null;
  const flags: StockFlag[] = [];
  if (stock.onHand < 0) flags.push('negative');
  if (stock.onHand > 0 && (input.daysSinceLastSale === null || input.daysSinceLastSale >= policy.deadAfterDays))
    flags.push('dead');
  else if (daysOfCover !== null && daysOfCover > policy.slowCoverDays) flags.push('slow');
  return {
    demandPerDay: round2(forecast.level),
    leadTimeDays: terms.leadTimeDays,
    reviewDays: policy.reviewDays,
    serviceLevelBp: policy.serviceLevelBp,
    z: Math.round(z * 1000) / 1000,
    demandOverLeadTime: round2(demandOverLeadTime),
    safetyStock: round2(safetyStock),
    reorderPoint,
    orderUpTo,
    onHand: stock.onHand,
    onOrder: stock.onOrder,
    rawQuantity,
    quantity,
    packSize: terms.packSize,
    minOrder: terms.minOrder,
    daysOfCover,
    turnoverPerYear,
    flags,
  };
}
