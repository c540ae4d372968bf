import type { Fen } from '../../money/index.ts';
import type { IsoDate } from '../calendar.ts';

export { entryId, type EntryContext } from '../entry-context.ts';

export type PointsEntryKind =
  'earn' | 'redeem' | 'expire' | 'adjust' | 'clawback' | 'restore' | 'transfer-in' | 'transfer-out';

/** A lot opened by a credit entry; its id is `${entryId}:${index}`. */
export type LotGrant = { readonly expiresOn: IsoDate; readonly points: number };
/** Points a debit entry took from one lot. */
export type LotTake = { readonly lotId: string; readonly points: number };
/** Per sale line: earn/redeem → the line's net and its share of the points; clawback/restore → the net refunded now and the points owed for it. */
export type LineShare = { readonly lineId: string; readonly netFen: Fen; readonly points: number };

/**
 * One append-only ledger row. `points` is the signed change of the balance; credits list the lots
 * they open (`grants`, Σ = points), debits the lots they consume (`takes`, Σ = −points), so the
 * balance and every lot are rebuilt from the entries alone.
 */
export type PointsEntry = {
  readonly id: string;
  readonly memberId: string;
  readonly kind: PointsEntryKind;
  readonly points: number;
  /** local ISO timestamp passed in by the caller */
  readonly at: string;
  readonly grants?: readonly LotGrant[];
  readonly takes?: readonly LotTake[];
  readonly saleId?: string;
  readonly refundId?: string;
  readonly lines?: readonly LineShare[];
  /** clawback only: points owed but no longer held by the member, written off (see docs/loyalty.md) */
  readonly shortfall?: number;
  /** 'sale', 'registration', 'review', 'referral', 'birthday', an adjustment note, … */
  readonly reason?: string;
  /** transfers: the other member */
  readonly counterpartId?: string;
};

export function lotId(entryIdValue: string, index: number): string {
  return `${entryIdValue}:${index}`;
}

/** The balance is derived: the sum of the entries. */
export function pointsBalance(entries: readonly PointsEntry[]): number {
  let sum = 0;
  for (const e of entries) sum += e.points;
  return sum;
}

/** Compare a cached balance (a members.points column, say) with the ledger sum. */
export function checkCachedBalance(
  cached: number,
  entries: readonly PointsEntry[],
): { matches: boolean; derived: number } {
  const derived = pointsBalance(entries);
  return { matches: derived === cached, derived };
}
