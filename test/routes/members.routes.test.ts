import { describe, expect, it } from 'vitest';
import { expectRefused, expectRoleDenied, expectSignInRequired, useInjectBox } from '../support/inject-box.ts';

describe('members routes (inject)', () => {
  const t = useInjectBox();
  const register = async (phone: string, extra: Record<string, unknown> = {}) => {
    const r = await t.api('/api/v1/members', { as: 'cashier', body: { phone, name: '测试会员', ...extra } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.data.member as { id: string; code: string };
  };

  it('a cashier registers a member, finds them by phone, and opens their profile with the phone masked', async () => {
    const m = await register('13900000011');
    const found = await t.api('/api/v1/members?phone=13900000011', { as: 'cashier' });
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    expect(JSON.stringify(found.body.data)).toContain(m.id);
    const profile = await t.api(`/api/v1/members/${m.id}`, { as: 'cashier' });
    expect(profile.status).toBe(200);
    expect(JSON.stringify(profile.body.data)).not.toContain('13900000011');
    const manager = await t.api(`/api/v1/members/${m.id}`, { as: 'manager' });
    expect(JSON.stringify(manager.body.data)).toContain('13900000011');
  });

  it('a supervisor sets manual tags, links a referrer, and the referrer sees the referral', async () => {
    const referrer = await register('13900000012');
    const m = await register('13900000013');
    const tags = await t.api(`/api/v1/members/${m.id}/tags`, {
      as: 'supervisor',
      method: 'PUT',
      body: { manual: ['VIP', 'VIP'] },
    });
    expect(tags.status, JSON.stringify(tags.body)).toBe(200);
    expect(JSON.stringify(tags.body.data)).toContain('VIP');
    const linked = await t.api(`/api/v1/members/${m.id}/referrer`, {
      as: 'supervisor',
      body: { referralCode: referrer.code },
    });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    const referrals = await t.api(`/api/v1/members/${referrer.id}/referrals`, { as: 'cashier' });
    expect(referrals.status).toBe(200);
    expect(JSON.stringify(referrals.body.data)).toContain(m.id);
  });

  it('a supervisor adjusts points and transfers them; the points account shows both', async () => {
    const from = await register('13900000014');
    const to = await register('13900000015');
    const added = await t.api(`/api/v1/members/${from.id}/points`, {
      as: 'supervisor',
      body: { points: 500, note: '补录积分' },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const balance = async (id: string) =>
      (await t.api(`/api/v1/members/${id}/points`, { as: 'cashier' })).body.data.balance;
    const [fromBefore, toBefore] = [await balance(from.id), await balance(to.id)];
    expect(fromBefore).toBeGreaterThanOrEqual(500);
    const moved = await t.api(`/api/v1/members/${from.id}/points/transfers`, {
      as: 'supervisor',
      body: { toMemberId: to.id, points: 200, note: '家庭账户' },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    expect(await balance(from.id)).toBe(fromBefore - 200);
    expect(await balance(to.id)).toBe(toBefore + 200);
  });

  it('a cashier sets a stored-value PIN and tops up the card', async () => {
    const m = await register('13900000016');
    const pin = await t.api(`/api/v1/members/${m.id}/stored-value/pin`, {
      as: 'cashier',
      method: 'PUT',
      body: { pin: '246810' },
    });
    expect(pin.status, JSON.stringify(pin.body)).toBe(200);
    const topUp = await t.api(`/api/v1/members/${m.id}/stored-value/top-ups`, {
      as: 'cashier',
      body: { amountFen: 10_000, tenderKind: 'cash' },
    });
    expect(topUp.status, JSON.stringify(topUp.body)).toBe(201);
  });

  it('members need a session; tags, referrer, point adjustments and transfers need a supervisor', async () => {
    await expectSignInRequired(t, '/api/v1/members?phone=13800000001');
    await expectSignInRequired(t, '/api/v1/members', { body: { phone: '13900000017' } });
    const m = await register('13900000018');
    await expectRoleDenied(t, 'cashier', `/api/v1/members/${m.id}/tags`, { method: 'PUT', body: { manual: [] } });
    await expectRoleDenied(t, 'cashier', `/api/v1/members/${m.id}/referrer`, { body: { referralCode: 'X1234' } });
    await expectRoleDenied(t, 'cashier', `/api/v1/members/${m.id}/points`, { body: { points: 5, note: 'x' } });
    await expectRoleDenied(t, 'cashier', `/api/v1/members/${m.id}/points/transfers`, {
      body: { toMemberId: m.id, points: 1, note: 'x' },
    });
  });

  it('bad input is refused naming the field: a birthday, a top-up tender, a zero transfer, an unknown member', async () => {
    expectRefused(
      await t.api('/api/v1/members', { as: 'cashier', body: { phone: '13900000019', birthday: '13-40' } }),
      'VALIDATION_FAILED',
      'birthday',
    );
    const m = await register('13900000020');
    expectRefused(
      await t.api(`/api/v1/members/${m.id}/stored-value/top-ups`, {
        as: 'cashier',
        body: { amountFen: 100, tenderKind: 'cheque' },
      }),
      'VALIDATION_FAILED',
      'tenderKind',
    );
    expectRefused(
      await t.api(`/api/v1/members/${m.id}/points/transfers`, {
        as: 'supervisor',
        body: { toMemberId: m.id, points: 0, note: 'x' },
      }),
      'VALIDATION_FAILED',
      'points',
    );
    expectRefused(await t.api('/api/v1/members/no-such-member', { as: 'cashier' }), 'MEMBER_NOT_FOUND');
    expectRefused(
      await t.api('/api/v1/members/no-such-member/tags', { as: 'supervisor', method: 'PUT', body: { manual: [] } }),
      'MEMBER_NOT_FOUND',
      'id',
    );
  });
});
