import { err, ok, type Result } from '../../result.ts';
import type { IsoDate } from '../calendar.ts';
import { lotExpiry } from './expiry-policy.ts';
import { availablePoints, lotsOf, takeInOrder } from './lots.ts';
import type { ExpiryPolicy } from './points-config.ts';
import { entryId, type EntryContext, type PointsEntry } from './points-entry.ts';

export type AdjustCommand = {
  readonly memberId: string;
  /** signed: + opens a lot dated today, − takes FIFO from usable lots */
  readonly points: number;
  readonly reason: string;
  readonly today: IsoDate;
  readonly expiry: ExpiryPolicy;
};

/** A manual correction by a supervisor; a negative one can never push the balance below zero. */
export function adjustPoints(
  entries: readonly PointsEntry[],
  ctx: EntryContext,
  cmd: AdjustCommand,
): Result<PointsEntry[], 'LOYALTY_POINTS_INVALID' | 'LOYALTY_INSUFFICIENT_POINTS'> {
  if (!Number.isSafeInteger(cmd.points) || cmd.points === 0) return err('LOYALTY_POINTS_INVALID', 'points');
  const base = {
    id: entryId(ctx.storeId, ctx.sequence),
    memberId: cmd.memberId,
    kind: 'adjust' as const,
    points: cmd.points,
    at: ctx.at,
    reason: cmd.reason,
  };
  if (cmd.points > 0)
    return ok([{ ...base, grants: [{ expiresOn: lotExpiry(cmd.expiry, cmd.today), points: cmd.points }] }]);
  const usable = lotsOf(entries).filter((l) => l.expiresOn >= cmd.today);
  const available = availablePoints(usable, cmd.today);
  if (-cmd.points > available) return err('LOYALTY_INSUFFICIENT_POINTS', 'points', { available });
  return ok([{ ...base, takes: takeInOrder(usable, -cmd.points) }]);
}
