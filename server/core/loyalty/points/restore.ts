import { ok, type Result } from '../../result.ts';
import type { IsoDate } from '../calendar.ts';
import { lotExpiry } from './expiry-policy.ts';
import { lotsOf } from './lots.ts';
import type { ExpiryPolicy, RestorePolicy } from './points-config.ts';
import { entryId, type EntryContext, type LotGrant, type PointsEntry } from './points-entry.ts';
import { owedByLine, statedByLine, type RefundLine } from './refund-share.ts';

export type RestoreCommand = {
  readonly memberId: string;
  readonly saleId: string;
  readonly refundId: string;
  readonly lines: readonly RefundLine[];
  readonly policy: RestorePolicy;
  readonly today: IsoDate;
  /** for 'new-expiry' */
  readonly expiry: ExpiryPolicy;
};

/**
 * Gives back the points redeemed on the refunded lines: the points each refunded line states (the
 * sale's stored allocation sliced per unit, what the refund slip shows), or for a sale without one
 * the same exact proportional rounding as the clawback. 'original-expiry' re-opens the slices of the lots the redemption took, last taken
 * first, each with its original expiry — a slice already past it lapses at the next expiry run;
 * 'new-expiry' opens one lot dated as if earned today; 'none' restores nothing.
 */
export function restoreForRefund(
  entries: readonly PointsEntry[],
  ctx: EntryContext,
  cmd: RestoreCommand,
): Result<PointsEntry[], 'LOYALTY_REFUND_EXCEEDS_LINE'> {
  if (cmd.policy === 'none') return ok([]);
  const redeems = entries.filter((e) => e.kind === 'redeem' && e.saleId === cmd.saleId);
  const earlier = entries.filter((e) => e.kind === 'restore' && e.saleId === cmd.saleId);
  // the sale's stored allocation, sliced per refunded unit, when the refund carries it (sales since
  // migration 0016); older sales re-derive each line's share from its refunded net
  const stated = cmd.lines.length > 0 && cmd.lines.every((l) => l.redeemedPoints !== undefined);
  const owed = stated ? statedByLine(redeems, earlier, cmd.lines) : owedByLine(redeems, earlier, cmd.lines);
  if (!owed.ok) return owed;
  let total = 0;
  for (const l of owed.value) total += l.points;
  // a refund owing 0 points is still recorded: its refunded net feeds the next refund's rounding
  if (owed.value.length === 0) return ok([]);
  const grants =
    total === 0
      ? []
      : cmd.policy === 'new-expiry'
        ? [{ expiresOn: lotExpiry(cmd.expiry, cmd.today), points: total }]
        : originalSlices(entries, redeems, earlier, total);
  const entry: PointsEntry = {
    id: entryId(ctx.storeId, ctx.sequence),
    memberId: cmd.memberId,
    kind: 'restore',
    points: total,
    at: ctx.at,
    grants,
    saleId: cmd.saleId,
    refundId: cmd.refundId,
    lines: owed.value,
    reason: 'refund',
  };
  return ok([entry]);
}

/** Walks the redemption's takes backwards, skipping what earlier restores gave back. */
function originalSlices(
  entries: readonly PointsEntry[],
  redeems: readonly PointsEntry[],
  earlier: readonly PointsEntry[],
  points: number,
): LotGrant[] {
  const expiryOf = new Map(lotsOf(entries).map((l) => [l.id, l.expiresOn]));
  let skip = 0;
  for (const e of earlier) skip += e.points;
  const takes = redeems.flatMap((e) => e.takes ?? []).reverse();
  const grants: LotGrant[] = [];
  let left = points;
  for (const t of takes) {
    if (left === 0) break;
    const fromSkip = Math.min(skip, t.points);
    skip -= fromSkip;
    const n = Math.min(t.points - fromSkip, left);
    if (n === 0) continue;
    const expiresOn = expiryOf.get(t.lotId);
    if (expiresOn === undefined) throw new Error(`redeem take of unknown lot ${t.lotId}`);
    const last = grants.at(-1);
    if (last && last.expiresOn === expiresOn) grants[grants.length - 1] = { expiresOn, points: last.points + n };
    else grants.push({ expiresOn, points: n });
    left -= n;
  }
  if (left !== 0) throw new Error('restore exceeds the points the sale redeemed');
  return grants;
}
