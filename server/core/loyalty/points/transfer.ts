import { err, ok, type Result } from '../../result.ts';
import type { IsoDate } from '../calendar.ts';
import { availablePoints, lotsOf, takeInOrder } from './lots.ts';
import { entryId, type EntryContext, type LotGrant, type PointsEntry } from './points-entry.ts';

export type TransferCommand = {
  readonly fromMemberId: string;
  readonly toMemberId: string;
  readonly points: number;
  readonly today: IsoDate;
};

/**
 * Moves points between members (family accounts, merged duplicates): an out entry taking FIFO from
 * the sender's usable lots, then an in entry opening the same slices with their original expiries,
 * so a transfer never extends the life of points.
 */
export function transferPoints(
  fromEntries: readonly PointsEntry[],
  ctx: EntryContext,
  cmd: TransferCommand,
): Result<PointsEntry[], 'LOYALTY_POINTS_INVALID' | 'LOYALTY_INSUFFICIENT_POINTS'> {
  if (!Number.isSafeInteger(cmd.points) || cmd.points <= 0 || cmd.fromMemberId === cmd.toMemberId)
    return err('LOYALTY_POINTS_INVALID', 'points');
  const usable = lotsOf(fromEntries).filter((l) => l.expiresOn >= cmd.today);
  const available = availablePoints(usable, cmd.today);
  if (cmd.points > available) return err('LOYALTY_INSUFFICIENT_POINTS', 'points', { available });
  const takes = takeInOrder(usable, cmd.points);
  const expiryOf = new Map(usable.map((l) => [l.id, l.expiresOn]));
  const grants: LotGrant[] = [];
  for (const t of takes) {
    const expiresOn = expiryOf.get(t.lotId) as IsoDate;
    const last = grants.at(-1);
    if (last && last.expiresOn === expiresOn) grants[grants.length - 1] = { expiresOn, points: last.points + t.points };
    else grants.push({ expiresOn, points: t.points });
  }
  const out: PointsEntry = {
    id: entryId(ctx.storeId, ctx.sequence),
    memberId: cmd.fromMemberId,
    kind: 'transfer-out',
    points: -cmd.points,
    at: ctx.at,
    takes,
    counterpartId: cmd.toMemberId,
    reason: 'transfer',
  };
  const into: PointsEntry = {
    id: entryId(ctx.storeId, ctx.sequence + 1),
    memberId: cmd.toMemberId,
    kind: 'transfer-in',
    points: cmd.points,
    at: ctx.at,
    grants,
    counterpartId: cmd.fromMemberId,
    reason: 'transfer',
  };
  return ok([out, into]);
}
