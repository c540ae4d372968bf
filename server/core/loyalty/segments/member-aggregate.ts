import type { Fen } from '../../money/index.ts';

/**
 * Per-member figures the persistence layer aggregates (one SQL GROUP BY) for RFM and tags.
 * Days are day numbers (days since 1970-01-01, see calendar.dayNumber) so a million rows compare
 * as integers.
 */
export type MemberAggregate = {
  readonly memberId: string;
  readonly registeredDay: number;
  readonly firstPurchaseDay: number | null;
  readonly lastPurchaseDay: number | null;
  readonly orderCount: number;
  /** net spend over the analysis window (usually 12 months) */
  readonly spendFen: Fen;
  /** the part of spendFen on lines that carried a promotion or coupon discount */
  readonly discountedSpendFen: Fen;
  /** spend by top-level category */
  readonly categorySpendFen?: Readonly<Record<string, Fen>>;
};
