import { ok, type Result } from '../../result.ts';
import { lotsOf, sumTakes, takeInOrder } from './lots.ts';
import { entryId, type EntryContext, type PointsEntry } from './points-entry.ts';
import { owedByLine, type RefundLine } from './refund-share.ts';

export type ClawbackCommand = {
  readonly memberId: string;
  readonly saleId: string;
  readonly refundId: string;
  /** net refunded now per line (not cumulative) */
  readonly lines: readonly RefundLine[];
};

/**
 * Claws back the points the refunded lines earned (see owedByLine for the exact rounding). Points
 * come first from the sale's own lots, then FIFO from the rest, lapsed-but-not-yet-expired lots
 * included. The balance never goes negative: what the member no longer holds is recorded as
 * `shortfall` on the entry and written off (the refund use case may deduct its cash value).
 */
export function clawbackForRefund(
  entries: readonly PointsEntry[],
  ctx: EntryContext,
  cmd: ClawbackCommand,
): Result<PointsEntry[], 'LOYALTY_REFUND_EXCEEDS_LINE'> {
  const earns = entries.filter((e) => e.kind === 'earn' && e.saleId === cmd.saleId);
  const earlier = entries.filter((e) => e.kind === 'clawback' && e.saleId === cmd.saleId);
  const owed = owedByLine(earns, earlier, cmd.lines);
  if (!owed.ok) return owed;
  let total = 0;
  for (const l of owed.value) total += l.points;
  // a refund owing 0 points is still recorded: its refunded net feeds the next refund's rounding
  if (owed.value.length === 0) return ok([]);
  const own = new Set(earns.map((e) => e.id));
  const lots = lotsOf(entries);
  const ordered = [...lots.filter((l) => own.has(l.entryId)), ...lots.filter((l) => !own.has(l.entryId))];
  const takes = takeInOrder(ordered, total);
  const taken = sumTakes(takes);
  const entry: PointsEntry = {
    id: entryId(ctx.storeId, ctx.sequence),
    memberId: cmd.memberId,
    kind: 'clawback',
    points: 0 - taken, // +0, not -0, when nothing is left to take
    at: ctx.at,
    takes,
    saleId: cmd.saleId,
    refundId: cmd.refundId,
    lines: owed.value,
    reason: 'refund',
    ...(taken < total ? { shortfall: total - taken } : {}),
  };
  return ok([entry]);
}
