import type { StockMovementKind } from '../../core/inventory/stock-movement.ts';

export type StockMovementInput = {
  sku: string;
  kind: StockMovementKind;
  /** units, or grams for weighed goods; signed */
  delta: number;
  /** the cause's id: sale, refund, receiving, stocktake */
  ref: string;
  at: string;
  unitCostFen?: number | null;
  actor?: string | null;
  reason?: string | null;
};
export type StockMovementRecord = Required<StockMovementInput> & { id: number };
export type StockLevelRecord = {
  sku: string;
  onHand: number;
  lastMovementId: number;
  lastSaleAt: string | null;
  updatedAt: string;
  minOnHand: number | null;
};
/** A product whose cached on hand differs from the sum of its movements. */
export type StockMismatch = { sku: string; cached: number | null; ledger: number };

/**
 * The stock ledger and its cached on hand. `append` writes the movement and updates the level in the
 * caller's transaction (it must run inside ctx.tx), so the two can never disagree after a commit.
 */
export interface StockStore {
  append(m: StockMovementInput): number;
  onHand(sku: string): number;
  level(sku: string): StockLevelRecord | undefined;
  levels(filter: { skus?: readonly string[]; below?: 'zero' | 'minimum'; limit: number }): StockLevelRecord[];
  movements(filter: { sku?: string; ref?: string; limit: number }): StockMovementRecord[];
  /** products whose last sale was before `before` (or never) and that still have stock */
  slowMovers(before: string, limit: number): StockLevelRecord[];
  /** the product's low-stock minimum (null: none); gives a never-moved product its level row of 0 */
  setMinimum(sku: string, minOnHand: number | null, at: string): void;
  /** every product whose cache disagrees with its ledger (empty: consistent) */
  verify(): StockMismatch[];
}
