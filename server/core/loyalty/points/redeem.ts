import { allocate, type Fen } from '../../money/index.ts';
import { err, ok, type Result } from '../../result.ts';
import type { IsoDate } from '../calendar.ts';
import { availablePoints, lotsOf, takeInOrder } from './lots.ts';
import { entryId, type EntryContext, type PointsEntry } from './points-entry.ts';

export type RedeemCommand = {
  readonly memberId: string;
  readonly points: number;
  readonly today: IsoDate;
  readonly saleId?: string;
  /**
   * sale lines the redemption is spread over, so a refund restores the refunded lines' share: with
   * `points` on every line (the pricing engine's allocation, stored with the sale line) that split is
   * recorded as given; otherwise the points are spread by net
   */
  readonly lines?: readonly { readonly lineId: string; readonly netFen: Fen; readonly points?: number }[];
  readonly reason?: string;
};

/** Spends points from the usable lots, oldest expiry first (FIFO by expiry, then earn order). */
export function redeemPoints(
  entries: readonly PointsEntry[],
  ctx: EntryContext,
  cmd: RedeemCommand,
): Result<PointsEntry[], 'LOYALTY_POINTS_INVALID' | 'LOYALTY_INSUFFICIENT_POINTS'> {
  if (!Number.isSafeInteger(cmd.points) || cmd.points <= 0) return err('LOYALTY_POINTS_INVALID', 'points');
  const usable = lotsOf(entries).filter((l) => l.expiresOn >= cmd.today);
  const available = availablePoints(usable, cmd.today);
  if (cmd.points > available) return err('LOYALTY_INSUFFICIENT_POINTS', 'points', { available });
  const nets = cmd.lines?.map((l) => Math.max(l.netFen, 0)) ?? [];
  const given = cmd.lines?.every((l) => l.points !== undefined) ? cmd.lines.map((l) => l.points!) : undefined;
  if (given && given.reduce((s, p) => s + p, 0) !== cmd.points)
    throw new RangeError(`redeem split ${given.join('+')} does not add up to ${cmd.points} points`); // a caller bug
  const shares = given ?? (nets.some((n) => n > 0) ? allocate(cmd.points, nets) : undefined);
  const entry: PointsEntry = {
    id: entryId(ctx.storeId, ctx.sequence),
    memberId: cmd.memberId,
    kind: 'redeem',
    points: -cmd.points,
    at: ctx.at,
    takes: takeInOrder(usable, cmd.points),
    reason: cmd.reason ?? (cmd.saleId === undefined ? 'redeem' : 'sale'),
    ...(cmd.saleId === undefined ? {} : { saleId: cmd.saleId }),
    ...(shares && cmd.lines
      ? { lines: cmd.lines.map((l, i) => ({ lineId: l.lineId, netFen: nets[i], points: shares[i] })) }
      : {}),
  };
  return ok([entry]);
}
