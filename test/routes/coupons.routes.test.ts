import { describe, expect, it } from 'vitest';
import { expectRefused, expectRoleDenied, expectSignInRequired, useInjectBox } from '../support/inject-box.ts';
import { wakeUpTemplate } from '../support/route-fixtures.ts';

describe('coupons routes (inject)', () => {
  const t = useInjectBox();
  const member = async (phone: string) =>
    (await t.api('/api/v1/members', { as: 'cashier', body: { phone } })).body.data.member.id as string;

  it('a manager adds a template; a supervisor issues it to a member, who then holds it; the figures count it', async () => {
    const added = await t.api('/api/v1/coupons/templates', { as: 'manager', body: wakeUpTemplate('INJ-WAKE') });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const templates = await t.api('/api/v1/coupons/templates', { as: 'cashier' });
    expect(templates.body.data.map((x: { id: string }) => x.id)).toContain('INJ-WAKE');
    const id = await member('13900000031');
    const issued = await t.api('/api/v1/coupons/issue', {
      as: 'supervisor',
      body: { memberId: id, templateId: 'INJ-WAKE' },
    });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    expect(issued.body.data).toHaveLength(1);
    const held = await t.api(`/api/v1/coupons?memberId=${id}`, { as: 'cashier' });
    expect(held.body.data.map((c: { templateId: string }) => c.templateId)).toContain('INJ-WAKE');
    const figures = await t.api('/api/v1/coupons/figures', { as: 'manager' });
    expect(figures.status).toBe(200);
    expect(JSON.stringify(figures.body.data)).toContain('INJ-WAKE');
  });

  it('templates and holdings need a session; adding needs a manager, issuing a supervisor, figures a manager', async () => {
    await expectSignInRequired(t, '/api/v1/coupons/templates');
    await expectSignInRequired(t, '/api/v1/coupons?memberId=x');
    await expectRoleDenied(t, 'supervisor', '/api/v1/coupons/templates', { body: wakeUpTemplate('INJ-NOPE') });
    await expectRoleDenied(t, 'cashier', '/api/v1/coupons/issue', { body: { memberId: 'x', templateId: 'INJ-WAKE' } });
    await expectRoleDenied(t, 'supervisor', '/api/v1/coupons/figures');
  });

  it('a duplicate template, an issue over the member limit and a quantity of zero are refused; a refusal issues none', async () => {
    await t.api('/api/v1/coupons/templates', { as: 'manager', body: wakeUpTemplate('INJ-ONCE') });
    expectRefused(
      await t.api('/api/v1/coupons/templates', { as: 'manager', body: wakeUpTemplate('INJ-ONCE') }),
      'COUPON_TEMPLATE_EXISTS',
      'id',
    );
    const id = await member('13900000032');
    const twice = await t.api('/api/v1/coupons/issue', {
      as: 'supervisor',
      body: { memberId: id, templateId: 'INJ-ONCE', quantity: 2 },
    });
    expectRefused(twice, 'LOYALTY_COUPON_MEMBER_LIMIT');
    const held = await t.api(`/api/v1/coupons?memberId=${id}`, { as: 'cashier' });
    expect(held.body.data.filter((c: { templateId: string }) => c.templateId === 'INJ-ONCE')).toEqual([]);
    expectRefused(
      await t.api('/api/v1/coupons/issue', {
        as: 'supervisor',
        body: { memberId: id, templateId: 'INJ-ONCE', quantity: 0 },
      }),
      'VALIDATION_FAILED',
      'quantity',
    );
    expectRefused(
      await t.api('/api/v1/coupons/issue', { as: 'supervisor', body: { memberId: 'nobody', templateId: 'INJ-ONCE' } }),
      'MEMBER_NOT_FOUND',
      'memberId',
    );
  });
});
