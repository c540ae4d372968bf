/**
 * The replenishment job (docs/replenishment.md): one pass over the sales history, product by product, into
 * a suggestion each, saved as one run. Runs on a worker thread with its own connection (JobMap
 * 'replenishment'), so the lanes' event loop never waits for it.
 */
import { addDays, addWeekdays, daysBetween, forecastDemand, weekdayOfDate } from '../../core/inventory/forecast.ts';
import {
  DEFAULT_REPLENISHMENT_POLICY,
  suggestReplenishment,
  type ReplenishmentPolicy,
} from '../../core/inventory/replenishment.ts';
import type { JobProgress } from '../ports/job-runner.port.ts';
import type {
  DailySale,
  ReplenishmentLine,
  ReplenishmentRun,
  ReplenishmentSource,
} from '../ports/replenishment-store.port.ts';
import type { Transactions } from '../ports/transactions.port.ts';

/** The store setting `replenishment` with every default filled in. */
export type ReplenishmentSettings = ReplenishmentPolicy & {
  readonly historyDays: number;
  readonly defaultLeadTimeDays: number;
};

export const DEFAULT_REPLENISHMENT_SETTINGS: ReplenishmentSettings = {
  ...DEFAULT_REPLENISHMENT_POLICY,
  historyDays: 364,
  defaultLeadTimeDays: 7,
};

export function replenishmentSettings(stored: unknown): ReplenishmentSettings {
  const s = (typeof stored === 'object' && stored !== null ? stored : {}) as Partial<ReplenishmentSettings>;
  const pick = (k: keyof ReplenishmentSettings): number =>
    typeof s[k] === 'number' ? (s[k] as number) : DEFAULT_REPLENISHMENT_SETTINGS[k];
  return {
    serviceLevelBp: pick('serviceLevelBp'),
    reviewDays: pick('reviewDays'),
    slowCoverDays: pick('slowCoverDays'),
    deadAfterDays: pick('deadAfterDays'),
    historyDays: pick('historyDays'),
    defaultLeadTimeDays: pick('defaultLeadTimeDays'),
  };
}

export type ReplenishmentJobInput = {
  readonly runId: string;
  /** the last business date of the history (today, run after the close); the forecast starts the day after */
  readonly asOf: string;
  readonly settings: ReplenishmentSettings;
  readonly actor: string;
  readonly startedAt: string;
};

export type ReplenishmentJobOutput = Omit<ReplenishmentRun, 'policy'> & { readonly policy: ReplenishmentSettings };

const PROGRESS_EVERY = 10_000;

export function computeReplenishment(
  stores: {
    readonly tx: Transactions;
    readonly source: ReplenishmentSource;
    /** the job's clock reading when it saves (an ISO instant) */
    readonly now: () => string;
  },
  input: ReplenishmentJobInput,
  progress: (p: JobProgress) => void = () => {},
): ReplenishmentJobOutput {
  const { settings, asOf } = input;
  const from = addDays(asOf, -(settings.historyDays - 1));
  const firstForecastWeekday = addWeekdays(weekdayOfDate(asOf), 1);
  const products = stores.source.activeProducts();
  const onHand = stores.source.onHand();
  const onOrder = stores.source.onOrder();
  const terms = stores.source.supplyTerms();

  // the history arrives ordered by sku: gather one product's days at a time
  const history = new Map<string, DailySale[]>();
  for (const day of stores.source.dailySales(from, asOf)) {
    let days = history.get(day.sku);
    if (!days) history.set(day.sku, (days = []));
    days.push(day);
  }

  const lines: ReplenishmentLine[] = [];
  let suggested = 0;
  for (const p of products) {
    const days = history.get(p.sku) ?? [];
    history.delete(p.sku);
    // the series starts at the product's first sale in the window: days before it were not on sale
    const start = days.length > 0 ? days[0]!.businessDate : asOf;
    const length = daysBetween(start, asOf) + 1;
    const quantities = new Array<number>(length).fill(0);
    const promotion = new Array<boolean>(length).fill(false);
    let sold = 0;
    for (const d of days) {
      const i = daysBetween(start, d.businessDate);
      quantities[i] = d.quantity;
      promotion[i] = d.promotion;
      sold += d.quantity;
    }
    const forecast = forecastDemand({ quantities, promotion, firstWeekday: weekdayOfDate(start) });
    const supply = terms.get(p.sku);
    const explanation = suggestReplenishment({
      forecast,
      firstWeekday: firstForecastWeekday,
      terms: supply ?? { leadTimeDays: settings.defaultLeadTimeDays, packSize: 1, minOrder: 0 },
      stock: { onHand: onHand.get(p.sku) ?? 0, onOrder: onOrder.get(p.sku) ?? 0 },
      policy: settings,
      soldInWindow: sold,
      windowDays: settings.historyDays,
      daysSinceLastSale: days.length > 0 ? daysBetween(days[days.length - 1]!.businessDate, asOf) : null,
    });
    if (explanation.quantity > 0) suggested += 1;
    lines.push({
      sku: p.sku,
      nameZh: p.nameZh,
      categoryPath: p.categoryPath,
      unit: p.unit,
      supplierId: supply?.supplierId ?? null,
      supplierName: supply?.supplierName ?? null,
      quantity: explanation.quantity,
      costFen: supply?.costFen ?? null,
      flags: explanation.flags,
      explanation,
    });
    if (lines.length % PROGRESS_EVERY === 0) progress({ stage: 'forecast', done: lines.length });
  }
  const run: ReplenishmentJobOutput = {
    id: input.runId,
    asOf,
    startedAt: input.startedAt,
    finishedAt: stores.now(),
    actor: input.actor,
    policy: settings,
    products: lines.length,
    suggested,
  };
  stores.tx.run(() => stores.source.saveRun(run, lines));
  progress({ stage: 'saved', done: lines.length });
  return run;
}
