import { describe, expect, it } from 'vitest';
import { useTestBox } from '../support/test-box.ts';

const t = useTestBox();

describe('points transfer between members', () => {
  it('moves points with their lots, keeps both ledgers equal to their caches, refuses more than the balance, audits', async () => {
    const manager = await t.login('manager1', 'manager1pass');
    const supervisor = await t.login('super1', 'super1pass');
    const cashier = await t.login('cashier1', 'cashier1pass');
    const from = (await t.api('/api/v1/members', { token: manager, body: { phone: '13577770001' } })).body.data.member;
    const to = (await t.api('/api/v1/members', { token: manager, body: { phone: '13577770002' } })).body.data.member;
    expect(
      (await t.api(`/api/v1/members/${from.id}/points`, { token: supervisor, body: { points: 500, note: '补录积分' } }))
        .status,
    ).toBe(201);
    const path = `/api/v1/members/${from.id}/points/transfers`;

    expect(
      (await t.api(path, { token: cashier, body: { toMemberId: to.id, points: 100, note: '家庭共享' } })).status,
    ).toBe(403);
    const tooMany = await t.api(path, {
      token: supervisor,
      body: { toMemberId: to.id, points: 100_000, note: '家庭共享' },
    });
    expect(tooMany.body.error).toMatchObject({ code: 'LOYALTY_INSUFFICIENT_POINTS', field: 'points' });
    expect(
      (await t.api(path, { token: supervisor, body: { toMemberId: 'S001-nobody', points: 1, note: 'x' } })).body.error,
    ).toMatchObject({ code: 'MEMBER_NOT_FOUND', field: 'toMemberId' });

    const fromBefore = t.box.loyalty.stores.members.byId(from.id)!.pointsBalance;
    const toBefore = t.box.loyalty.stores.members.byId(to.id)!.pointsBalance;
    const moved = await t.api(path, {
      token: supervisor,
      body: { toMemberId: to.id, points: 300, note: '家庭共享' },
      idempotencyKey: 'move-300',
    });
    expect(moved.status).toBe(201);
    expect(moved.body.data.map((e: { kind: string; points: number }) => [e.kind, e.points])).toEqual([
      ['transfer-out', -300],
      ['transfer-in', 300],
    ]);
    // a retry of the same request moves nothing more
    await t.api(path, {
      token: supervisor,
      body: { toMemberId: to.id, points: 300, note: '家庭共享' },
      idempotencyKey: 'move-300',
    });
    expect(t.box.loyalty.stores.members.byId(from.id)!.pointsBalance).toBe(fromBefore - 300);
    expect(t.box.loyalty.stores.members.byId(to.id)!.pointsBalance).toBe(toBefore + 300);
    const verify = await t.api('/api/v1/loyalty/verify', { token: manager, method: 'POST' });
    expect(verify.body.data.ok).toBe(true);
    const audit = await t.api('/api/v1/audit?limit=5', { token: manager });
    expect(audit.body.data.find((a: { action: string }) => a.action === 'member.points_transferred')).toMatchObject({
      actor: 'super1',
      subject: from.id,
      detail: { to: to.id, points: 300 },
    });
  });
});
