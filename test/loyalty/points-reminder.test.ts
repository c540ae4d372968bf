import { beforeAll, describe, expect, it } from 'vitest';
import { writePoints } from '../../server/app/loyalty/loyalty-ledger.ts';
import { loyaltyTime } from '../../server/app/loyalty/loyalty-time.ts';
import { addDays, entryId, type NotificationRecord } from '../../server/core/loyalty/index.ts';
import { ok } from '../../server/core/result.ts';
import { useTestBox } from '../support/test-box.ts';

const t = useTestBox();
let cashier: string;
let today: string;
beforeAll(async () => {
  cashier = await t.login('cashier1', 'cashier1pass');
  today = loyaltyTime(t.box.ctx).date;
});

async function register(phone: string): Promise<string> {
  return (await t.api('/api/v1/members', { token: cashier, body: { phone } })).body.data.member.id;
}

/** An earn entry whose one lot lasts through `expiresOn` (the registration points last until the end of next year). */
function grant(memberId: string, points: number, expiresOn: string): void {
  const l = t.box.loyalty;
  l.ctx.tx.run(() =>
    writePoints(
      l,
      loyaltyTime(l.ctx),
      (c) =>
        ok([
          {
            id: entryId(c.storeId, c.sequence),
            memberId,
            kind: 'earn' as const,
            points,
            at: c.at,
            grants: [{ expiresOn, points }],
            reason: 'test lot',
          },
        ]),
      false,
    ),
  );
}

const reminders = (): NotificationRecord[] =>
  (
    t.box.ctx.db.prepare("SELECT payload FROM outbox WHERE topic = 'member.notification' ORDER BY seq").all() as Array<{
      payload: string;
    }>
  )
    .map((r) => JSON.parse(r.payload) as NotificationRecord)
    .filter((n) => n.kind === 'points-expiring');

describe('积分即将过期 reminders from the nightly points-expiry job', () => {
  const ids: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };

  it('expires lapsed lots, then reminds each member whose points lapse within 30 days, with the first date and the points in that window', async () => {
    ids.a = await register('13744440001');
    ids.b = await register('13744440002');
    ids.c = await register('13744440003');
    grant(ids.a, 50, addDays(today, -1));
    grant(ids.a, 120, addDays(today, 9));
    grant(ids.a, 30, addDays(today, 20));
    grant(ids.b, 40, addDays(today, 29)); // the 30th day: still in the window
    grant(ids.c, 40, addDays(today, 30)); // the 31st: not yet

    const result = await t.box.loyaltyJobs.run('points-expiry');
    expect(result).toEqual({ members: 1, points: 50, reminders: 2 });
    const sent = reminders();
    expect(sent.map((n) => n.memberId).sort()).toEqual([ids.a, ids.b].sort());
    const a = sent.find((n) => n.memberId === ids.a)!;
    expect(a.dedupeKey).toBe(`points-expiring:${ids.a}:${addDays(today, 9)}`);
    // 120 + 30 lapse within the window; the balance is after tonight's expiry (100 registration points + 150)
    expect(a.data).toMatchObject({
      keyword1: { value: '150' },
      keyword2: { value: addDays(today, 9) },
      keyword3: { value: '250' },
    });
    expect(t.box.loyalty.stores.members.byId(ids.a)!.pointsBalance).toBe(250);
  });

  it('once per member and expiry date: another run writes none; a new earlier date reminds again', async () => {
    expect(await t.box.loyaltyJobs.run('points-expiry')).toEqual({ members: 0, points: 0, reminders: 0 });
    expect(reminders()).toHaveLength(2);

    grant(ids.a, 10, addDays(today, 25)); // later than A's first date: nothing new for A
    grant(ids.c, 15, addDays(today, 3)); // C now has points lapsing in 3 days
    expect(await t.box.loyaltyJobs.run('points-expiry')).toEqual({ members: 0, points: 0, reminders: 1 });
    const c = reminders().at(-1)!;
    expect(c).toMatchObject({
      memberId: ids.c,
      dedupeKey: `points-expiring:${ids.c}:${addDays(today, 3)}`,
      data: { keyword1: { value: '15' } },
    });
    expect(
      t.box.ctx.db
        .prepare(
          'SELECT member_id AS memberId, expires_on AS expiresOn, points FROM points_expiry_reminder ORDER BY member_id',
        )
        .all(),
    ).toEqual(
      [
        { memberId: ids.a, expiresOn: addDays(today, 9), points: 150 },
        { memberId: ids.b, expiresOn: addDays(today, 29), points: 40 },
        { memberId: ids.c, expiresOn: addDays(today, 3), points: 15 },
      ].sort((x, y) => (x.memberId < y.memberId ? -1 : 1)),
    );
  });
});
