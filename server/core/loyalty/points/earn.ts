import { err, ok, type Result } from '../../result.ts';
import type { IsoDate } from '../calendar.ts';
import { lotExpiry } from './expiry-policy.ts';
import type { ExpiryPolicy } from './points-config.ts';
import { entryId, type EntryContext, type LineShare, type PointsEntry } from './points-entry.ts';

export type EarnCommand = {
  readonly memberId: string;
  readonly points: number;
  readonly today: IsoDate;
  readonly expiry: ExpiryPolicy;
  /** 'sale' with saleId and per-line shares, or a behaviour / reward name */
  readonly reason: string;
  readonly saleId?: string;
  readonly lines?: readonly LineShare[];
};

/** One earn entry opening one lot that lapses by the expiry policy; zero points earn nothing (no entry). */
export function earnPoints(ctx: EntryContext, cmd: EarnCommand): Result<PointsEntry[], 'LOYALTY_POINTS_INVALID'> {
  if (!Number.isSafeInteger(cmd.points) || cmd.points < 0) return err('LOYALTY_POINTS_INVALID', 'points');
  if (cmd.points === 0) return ok([]);
  const entry: PointsEntry = {
    id: entryId(ctx.storeId, ctx.sequence),
    memberId: cmd.memberId,
    kind: 'earn',
    points: cmd.points,
    at: ctx.at,
    grants: [{ expiresOn: lotExpiry(cmd.expiry, cmd.today), points: cmd.points }],
    reason: cmd.reason,
    ...(cmd.saleId === undefined ? {} : { saleId: cmd.saleId }),
    ...(cmd.lines === undefined
      ? {}
      : { lines: cmd.lines.map(({ lineId, netFen, points }) => ({ lineId, netFen, points })) }),
  };
  return ok([entry]);
}
