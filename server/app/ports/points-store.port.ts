import type { PointsEntry } from '../../core/loyalty/index.ts';

/** The points ledger (PointsRepository). */
export interface PointsStore {
  /** `seq` is the number in the id (`${storeId}-${seq}`), reserved from the 'points' counter. */
  append(seq: number, e: PointsEntry): void;
  entriesOf(memberId: string): PointsEntry[];
  entriesOfSale(saleId: string): PointsEntry[];
  /** Members whose cached balance differs from the ledger sum (should be none). */
  mismatches(limit: number): Array<{ memberId: string; cached: number; derived: number }>;
  holders(): string[];
  count(): number;
}
