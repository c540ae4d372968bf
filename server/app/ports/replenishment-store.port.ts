import type { Suggestion } from '../../core/inventory/replenishment.ts';

/** A product the job makes a suggestion for (active products only). */
export type ReplenishmentProduct = {
  readonly sku: string;
  readonly nameZh: string;
  readonly categoryPath: string;
  readonly unit: 'each' | 'kg';
};

/** Units (grams for kg goods) of one product sold on one business date, and whether a line promotion ran. */
export type DailySale = {
  readonly sku: string;
  /** the business date as days since 1970-01-01 (core/inventory/forecast.ts epochDay) */
  readonly day: number;
  readonly quantity: number;
  readonly promotion: boolean;
};

/** Who supplies a product and on what terms (replenishment_supply until the inventory feature's suppliers land). */
export type SupplyTermsRow = {
  readonly sku: string;
  readonly supplierId: string;
  readonly supplierName: string;
  readonly leadTimeDays: number;
  readonly packSize: number;
  readonly minOrder: number;
  readonly costFen: number | null;
};

export type ReplenishmentRun = {
  readonly id: string;
  readonly asOf: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly actor: string;
  readonly policy: Record<string, number>;
  readonly products: number;
  readonly suggested: number;
};

export type ReplenishmentLine = {
  readonly sku: string;
  readonly nameZh: string;
  readonly categoryPath: string;
  readonly unit: 'each' | 'kg';
  readonly supplierId: string | null;
  readonly supplierName: string | null;
  readonly quantity: number;
  readonly costFen: number | null;
  readonly flags: readonly string[];
  readonly explanation: Suggestion;
};

/** What the replenishment job reads and writes (its own connection, on the worker thread). */
export interface ReplenishmentSource {
  activeProducts(): ReplenishmentProduct[];
  /** grouped by sku, each product's days in order; `from` and `through` are epoch days */
  dailySales(from: number, through: number): Iterable<DailySale>;
  onHand(): Map<string, number>;
  /** open purchase-order quantities; empty until the inventory feature's purchase orders land */
  onOrder(): Map<string, number>;
  supplyTerms(): Map<string, SupplyTermsRow>;
  saveRun(run: ReplenishmentRun, lines: readonly ReplenishmentLine[]): void;
}

export type LineFilter = {
  readonly suggestedOnly?: boolean;
  readonly flag?: 'negative' | 'dead' | 'slow';
  readonly limit: number;
};

/** The daily roll-up a completed sale adds to, in the sale's transaction. */
export interface ReplenishmentDailySales {
  addDailySale(sku: string, day: number, quantity: number, promotion: boolean): void;
}

/** What the console's routes read, and the supply terms a manager sets. */
export interface ReplenishmentStore {
  latestRun(): ReplenishmentRun | undefined;
  lines(runId: string, filter: LineFilter): ReplenishmentLine[];
  upsertSupply(terms: SupplyTermsRow, at: string): void;
  productExists(sku: string): boolean;
}
