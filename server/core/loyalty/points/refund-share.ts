import { mulDivFloor, type Fen } from '../../money/index.ts';
import { err, ok, type Result } from '../../result.ts';
import type { LineShare, PointsEntry } from './points-entry.ts';

/**
 * Points owed back for a line when its refunded net grows from `before` to `after` (cumulative):
 *   owed = ⌊P × after / net⌋ − ⌊P × before / net⌋
 * The terms telescope, so however a line is refunded (one go, by units, lines in any order) the
 * total owed is ⌊P × net / net⌋ = P exactly, and never more than P.
 */
export function owedForRefund(linePoints: number, lineNetFen: Fen, beforeFen: Fen, afterFen: Fen): number {
  if (lineNetFen <= 0) return 0; // a line with no net earned and was given no points
  return mulDivFloor(linePoints, afterFen, lineNetFen) - mulDivFloor(linePoints, beforeFen, lineNetFen);
}

export type RefundLine = {
  readonly lineId: string;
  readonly refundedNetFen: Fen;
  /**
   * the redeemed points these refunded units carry, sliced from the allocation stored with the sale
   * line (core/returns refundLines): when every line has it, restores give back exactly these (what the
   * refund slip shows) instead of re-deriving them from the net
   */
  readonly redeemedPoints?: number;
};

/**
 * Per line of a refund: the redeemed points it gives back as stated (`redeemedPoints`), checked
 * against the sale's redemption split (`sources`) less what earlier refunds (`earlier`) gave back.
 */
export function statedByLine(
  sources: readonly PointsEntry[],
  earlier: readonly PointsEntry[],
  refund: readonly RefundLine[],
): Result<LineShare[], 'LOYALTY_REFUND_EXCEEDS_LINE'> {
  const left = new Map<string, number>();
  for (const e of sources) for (const l of e.lines ?? []) left.set(l.lineId, (left.get(l.lineId) ?? 0) + l.points);
  for (const e of earlier) for (const l of e.lines ?? []) left.set(l.lineId, (left.get(l.lineId) ?? 0) - l.points);
  const owed: LineShare[] = [];
  for (const r of refund) {
    const remaining = left.get(r.lineId);
    if (remaining === undefined) continue; // the line carried no points
    const points = r.redeemedPoints ?? 0;
    if (r.refundedNetFen < 0 || !Number.isSafeInteger(points) || points < 0 || points > remaining)
      return err('LOYALTY_REFUND_EXCEEDS_LINE', 'lines', { lineId: r.lineId });
    left.set(r.lineId, remaining - points);
    owed.push({ lineId: r.lineId, netFen: r.refundedNetFen, points });
  }
  return ok(owed);
}

/**
 * Per line of a refund: the net refunded now and the points owed for it, given the sale's source
 * entries (its earns, or its redemptions) and the earlier entries of the same kind for earlier refunds.
 */
export function owedByLine(
  sources: readonly PointsEntry[],
  earlier: readonly PointsEntry[],
  refund: readonly RefundLine[],
): Result<LineShare[], 'LOYALTY_REFUND_EXCEEDS_LINE'> {
  const lines = new Map<string, { netFen: Fen; points: number }>();
  for (const e of sources) {
    for (const l of e.lines ?? []) {
      const cur = lines.get(l.lineId);
      if (cur) cur.points += l.points;
      else lines.set(l.lineId, { netFen: l.netFen, points: l.points });
    }
  }
  const refunded = new Map<string, Fen>();
  for (const e of earlier)
    for (const l of e.lines ?? []) refunded.set(l.lineId, (refunded.get(l.lineId) ?? 0) + l.netFen);
  const owed: LineShare[] = [];
  for (const r of refund) {
    const line = lines.get(r.lineId);
    if (!line) continue; // the line carried no points
    const before = refunded.get(r.lineId) ?? 0;
    const after = before + r.refundedNetFen;
    if (r.refundedNetFen < 0 || after > Math.max(line.netFen, 0))
      return err('LOYALTY_REFUND_EXCEEDS_LINE', 'lines', { lineId: r.lineId });
    refunded.set(r.lineId, after);
    owed.push({
      lineId: r.lineId,
      netFen: r.refundedNetFen,
      points: owedForRefund(line.points, line.netFen, before, after),
    });
  }
  return ok(owed);
}
