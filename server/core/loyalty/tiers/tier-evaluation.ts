import type { Fen } from '../../money/index.ts';
import { addDays, addMonths, type IsoDate } from '../calendar.ts';
import type { TierDef, TierTable } from './tier-table.ts';

function rank(table: TierTable, code: string): number {
  const i = table.tiers.findIndex((t) => t.code === code);
  if (i < 0) throw new Error(`unknown tier ${code}`);
  return i;
}

export function tierByCode(table: TierTable, code: string): TierDef {
  return table.tiers[rank(table, code)];
}

/** The highest tier whose threshold the spend reaches (the first tier when none). */
export function tierForSpend(table: TierTable, spendFen: Fen): TierDef {
  let found = table.tiers[0];
  for (const t of table.tiers) if (spendFen >= t.minSpendFen) found = t;
  return found;
}

/** First day of the rolling window ending `today`: 12 months → (today − 12 months, today]. */
export function spendWindowStart(table: TierTable, today: IsoDate): IsoDate {
  return addDays(addMonths(today, -table.windowMonths), 1);
}

/** Net spend in the rolling window from per-day net amounts (sales minus refunds). */
export function rollingSpend(
  table: TierTable,
  days: Iterable<{ readonly date: IsoDate; readonly netFen: Fen }>,
  today: IsoDate,
): Fen {
  const from = spendWindowStart(table, today);
  let sum = 0;
  for (const d of days) if (d.date >= from && d.date <= today) sum += d.netFen;
  return sum;
}

/** At sale commit: the new tier when this sale lifts the rolling spend over a higher threshold, else null. Never downgrades. */
export function upgradeAtSale(
  table: TierTable,
  currentCode: string,
  spendBeforeFen: Fen,
  saleNetFen: Fen,
): TierDef | null {
  const next = tierForSpend(table, spendBeforeFen + saleNetFen);
  return rank(table, next.code) > rank(table, currentCode) ? next : null;
}

export type TierReview = { readonly tier: TierDef; readonly change: 'up' | 'down' | 'none' };

/** Nightly: the tier the last window's spend earns; falls as old spend leaves the window (may drop several levels). */
export function nightlyTierReview(table: TierTable, currentCode: string, spendFen: Fen): TierReview {
  const tier = tierForSpend(table, spendFen);
  const delta = rank(table, tier.code) - rank(table, currentCode);
  return { tier, change: delta > 0 ? 'up' : delta < 0 ? 'down' : 'none' };
}

/** Tier history row, appended on every change. */
export type TierChange = {
  readonly memberId: string;
  readonly fromCode: string;
  readonly toCode: string;
  readonly reason: 'sale' | 'nightly' | 'manual';
  readonly spendFen: Fen;
  readonly at: string;
  readonly saleId?: string;
};

/** Birthday check on 'MM-DD'; members born on 29 February celebrate on the 28th in common years. */
export function isBirthday(birthMonthDay: string, today: IsoDate): boolean {
  const md = today.slice(5);
  if (birthMonthDay === md) return true;
  const year = Number(today.slice(0, 4));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return birthMonthDay === '02-29' && md === '02-28' && !leap;
}
