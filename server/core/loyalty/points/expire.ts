import { addDays, type IsoDate } from '../calendar.ts';
import { lotsOf, type PointsLot } from './lots.ts';
import { entryId, type EntryContext, type PointsEntry } from './points-entry.ts';

/**
 * The nightly expiry job for one member: one expire entry taking the remainder of every lot whose
 * last usable day is before `today`; no entry when nothing lapsed.
 */
export function expireLapsedPoints(
  entries: readonly PointsEntry[],
  ctx: EntryContext,
  memberId: string,
  today: IsoDate,
): PointsEntry[] {
  const lapsed = lotsOf(entries).filter((l) => l.expiresOn < today && l.remaining > 0);
  if (lapsed.length === 0) return [];
  const takes = lapsed.map((l) => ({ lotId: l.id, points: l.remaining }));
  let total = 0;
  for (const t of takes) total += t.points;
  return [
    {
      id: entryId(ctx.storeId, ctx.sequence),
      memberId,
      kind: 'expire',
      points: -total,
      at: ctx.at,
      takes,
      reason: 'expiry',
    },
  ];
}

export type ExpiringPoints = { readonly memberId: string; readonly points: number; readonly firstExpiresOn: IsoDate };

/**
 * Members holding points that lapse within `withinDays` days from `today` (expiresOn in
 * [today, today + withinDays − 1]), for 积分即将过期 reminders. Input: open lots of any members.
 */
export function pointsExpiringSoon(lots: Iterable<PointsLot>, today: IsoDate, withinDays: number): ExpiringPoints[] {
  const last = addDays(today, withinDays - 1);
  const byMember = new Map<string, { points: number; first: IsoDate }>();
  for (const l of lots) {
    if (l.remaining <= 0 || l.expiresOn < today || l.expiresOn > last) continue;
    const cur = byMember.get(l.memberId);
    if (cur) {
      cur.points += l.remaining;
      if (l.expiresOn < cur.first) cur.first = l.expiresOn;
    } else byMember.set(l.memberId, { points: l.remaining, first: l.expiresOn });
  }
  return [...byMember]
    .map(([memberId, v]) => ({ memberId, points: v.points, firstExpiresOn: v.first }))
    .sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
}
