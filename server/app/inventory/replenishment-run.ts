/**
 * The replenishment job (docs/replenishment.md): one pass over the sales history, product by product, into
 * a suggestion each, saved as one run. Runs on a worker thread with its own connection (JobMap
 * 'replenishment'), so the lanes' event loop never waits for it.
 */
import { addWeekdays, epochDay, forecastDemand, weekdayOfEpochDay } from '../../core/inventory/forecast.ts';
import {
  DEFAULT_REPLENISHMENT_POLICY,
  suggestReplenishment,
  type ReplenishmentPolicy,
} from '../../core/inventory/replenishment.ts';
import type { JobProgress } from '../ports/job-runner.port.ts';
import type {
  DailySale,
  ReplenishmentLine,
  ReplenishmentProduct,
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
  const asOfDay = epochDay(asOf);
  const from = asOfDay - (settings.historyDays - 1);
  const firstForecastWeekday = addWeekdays(weekdayOfEpochDay(asOfDay), 1);
  const products = stores.source.activeProducts();
  const onHand = stores.source.onHand();
  const onOrder = stores.source.onOrder();
  const terms = stores.source.supplyTerms();

  const lineOf = (p: ReplenishmentProduct, days: readonly DailySale[]): ReplenishmentLine => {
    // the series starts at the product's first sale in the window: days before it were not on sale
    const start = days.length > 0 ? days[0]!.day : asOfDay;
    const length = asOfDay - start + 1;
    const quantities = new Array<number>(length).fill(0);
    const promotion = new Array<boolean>(length).fill(false);
    let sold = 0;
    for (const d of days) {
      const i = d.day - start;
      quantities[i] = d.quantity;
      promotion[i] = d.promotion;
      sold += d.quantity;
    }
    const forecast = forecastDemand({ quantities, promotion, firstWeekday: weekdayOfEpochDay(start) });
    const supply = terms.get(p.sku);
    const explanation = suggestReplenishment({
      forecast,
      firstWeekday: firstForecastWeekday,
      terms: supply ?? { leadTimeDays: settings.defaultLeadTimeDays, packSize: 1, minOrder: 0 },
      stock: { onHand: onHand.get(p.sku) ?? 0, onOrder: onOrder.get(p.sku) ?? 0 },
      policy: settings,
      soldInWindow: sold,
      windowDays: settings.historyDays,
      daysSinceLastSale: days.length > 0 ? asOfDay - days[days.length - 1]!.day : null,
    });
    return {
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
    };
  };

  // The history arrives grouped by sku: each product's suggestion is made as soon as its days are read, so
  // only one product's days are held at a time (a year of 200,000 products' days would not fit).
  const indexOf = new Map(products.map((p, i) => [p.sku, i]));
  const lines: (ReplenishmentLine | undefined)[] = new Array(products.length);
  let done = 0;
  const finish = (sku: string, days: readonly DailySale[]) => {
    const i = indexOf.get(sku);
    if (i === undefined) return; // sold once, retired since
    lines[i] = lineOf(products[i]!, days);
    if (++done % PROGRESS_EVERY === 0) progress({ stage: 'forecast', done });
  };
  let current: string | undefined;
  let days: DailySale[] = [];
  for (const day of stores.source.dailySales(from, asOfDay)) {
    if (day.sku !== current) {
      if (current !== undefined) finish(current, days);
      current = day.sku;
      days = [];
    }
    days.push(day);
  }
  if (current !== undefined) finish(current, days);
  for (let i = 0; i < products.length; i++) if (!lines[i]) lines[i] = lineOf(products[i]!, []);
  const all = lines as ReplenishmentLine[];
  const suggested = all.filter((l) => l.quantity > 0).length;

  const run: ReplenishmentJobOutput = {
    id: input.runId,
    asOf,
    startedAt: input.startedAt,
    finishedAt: stores.now(),
    actor: input.actor,
    policy: settings,
    products: all.length,
    suggested,
  };
  stores.tx.run(() => stores.source.saveRun(run, all));
  progress({ stage: 'saved', done: all.length });
  return run;
}
