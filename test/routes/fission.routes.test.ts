import { describe, expect, it } from 'vitest';
import { expectRefused, expectRoleDenied, expectSignInRequired, useInjectBox } from '../support/inject-box.ts';

const terms = { templateId: 'FISSION-SHARE', totalFen: 1000, shares: 4, minShareFen: 100, claimDays: 7 };

describe('fission routes (inject)', () => {
  const t = useInjectBox();
  const member = async (phone: string) =>
    (await t.api('/api/v1/members', { as: 'cashier', body: { phone } })).body.data.member.id as string;

  it('a manager adds a rule and switches it off; the rules list shows it', async () => {
    const rule = await t.api('/api/v1/fission/rules', {
      as: 'manager',
      body: { id: 'inject-rule', ...terms, minSaleFen: 5000 },
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const off = await t.api('/api/v1/fission/rules/inject-rule/active', {
      as: 'manager',
      method: 'PUT',
      body: { active: false },
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    const rules = await t.api('/api/v1/fission/rules', { as: 'manager' });
    expect(rules.body.data.find((r: { id: string }) => r.id === 'inject-rule')).toMatchObject({ active: false });
  });

  it('a supervisor issues a packet; it is found by owner, id and share code, and a friend claims a share', async () => {
    const owner = await member('13900000051');
    const friend = await member('13900000052');
    const packet = await t.api('/api/v1/fission/packets', { as: 'supervisor', body: { memberId: owner, ...terms } });
    expect(packet.status, JSON.stringify(packet.body)).toBe(201);
    const { id, shareCode } = packet.body.data as { id: string; shareCode: string };
    const owned = await t.api(`/api/v1/fission/packets?memberId=${owner}`, { as: 'cashier' });
    expect(owned.body.data.map((p: { id: string }) => p.id)).toEqual([id]);
    expect((await t.api(`/api/v1/fission/packets/${id}`, { as: 'cashier' })).body.data.id).toBe(id);
    expect((await t.api(`/api/v1/fission/shares/${shareCode}`, { as: 'cashier' })).body.data.id).toBe(id);
    const claim = await t.api('/api/v1/fission/claims', { as: 'cashier', body: { shareCode, memberId: friend } });
    expect(claim.status, JSON.stringify(claim.body)).toBe(201);
    const claims = await t.api(`/api/v1/fission/packets/${id}/claims`, { as: 'cashier' });
    expect(claims.body.data).toHaveLength(1);
  });

  it('rules need a manager, packets a supervisor, the rest a session', async () => {
    await expectRoleDenied(t, 'supervisor', '/api/v1/fission/rules');
    await expectRoleDenied(t, 'supervisor', '/api/v1/fission/rules', { body: { id: 'x', ...terms, minSaleFen: 0 } });
    await expectRoleDenied(t, 'supervisor', '/api/v1/fission/rules/inject-rule/active', {
      method: 'PUT',
      body: { active: true },
    });
    await expectRoleDenied(t, 'cashier', '/api/v1/fission/packets', { body: { memberId: 'x', ...terms } });
    await expectSignInRequired(t, '/api/v1/fission/packets?memberId=x');
    await expectSignInRequired(t, '/api/v1/fission/packets/x');
    await expectSignInRequired(t, '/api/v1/fission/packets/x/claims');
    await expectSignInRequired(t, '/api/v1/fission/shares/ABCD');
    await expectSignInRequired(t, '/api/v1/fission/claims', { body: { shareCode: 'ABCD', memberId: 'x' } });
  });

  it('a split the total cannot cover, a short share code and an unknown campaign are refused naming the field', async () => {
    const owner = await member('13900000053');
    expectRefused(
      await t.api('/api/v1/fission/packets', {
        as: 'supervisor',
        body: { memberId: owner, ...terms, totalFen: 300, minShareFen: 100 },
      }),
      'FISSION_SPLIT_INVALID',
    );
    expect((await t.api(`/api/v1/fission/packets?memberId=${owner}`, { as: 'cashier' })).body.data).toEqual([]);
    expectRefused(await t.api('/api/v1/fission/shares/AB', { as: 'cashier' }), 'VALIDATION_FAILED', 'code');
    expectRefused(
      await t.api('/api/v1/fission/packets', {
        as: 'supervisor',
        body: { memberId: owner, ...terms, campaignId: 'no-such' },
      }),
      'CAMPAIGN_NOT_FOUND',
      'campaignId',
    );
  });
});
