import { describe, expect, it } from 'vitest';
import { expectRefused, expectRoleDenied, useInjectBox } from '../support/inject-box.ts';
import { wakeUpTemplate } from '../support/route-fixtures.ts';

const campaign = (over: Record<string, unknown> = {}) => ({
  id: 'inject-wake-up',
  name: '沉睡唤醒',
  segment: { tag: 'VIP' },
  holdoutBp: 0,
  action: { kind: 'coupon', templateId: 'INJ-CAMPAIGN' },
  days: 14,
  ...over,
});

describe('campaigns routes (inject)', () => {
  const t = useInjectBox();

  it('a manager starts a coupon campaign on a tag; it is listed and its effect report reads back', async () => {
    expect(
      (await t.api('/api/v1/coupons/templates', { as: 'manager', body: wakeUpTemplate('INJ-CAMPAIGN') })).status,
    ).toBe(201);
    const m = (await t.api('/api/v1/members', { as: 'cashier', body: { phone: '13900000041', tags: ['VIP'] } })).body
      .data.member.id as string;
    const started = await t.api('/api/v1/campaigns', { as: 'manager', body: campaign() });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body.data.target).toBe(1);
    expect(started.body.data.coupons).toBe(1);
    const held = await t.api(`/api/v1/coupons?memberId=${m}`, { as: 'cashier' });
    expect(held.body.data.map((c: { templateId: string }) => c.templateId)).toContain('INJ-CAMPAIGN');
    const list = await t.api('/api/v1/campaigns', { as: 'manager' });
    expect(list.body.data.map((c: { id: string }) => c.id)).toContain('inject-wake-up');
    const effect = await t.api('/api/v1/campaigns/inject-wake-up/effect', { as: 'manager' });
    expect(effect.status, JSON.stringify(effect.body)).toBe(200);
  });

  it('a supervisor may not start, list or report campaigns', async () => {
    await expectRoleDenied(t, 'supervisor', '/api/v1/campaigns', { body: campaign({ id: 'nope' }) });
    await expectRoleDenied(t, 'supervisor', '/api/v1/campaigns');
    await expectRoleDenied(t, 'supervisor', '/api/v1/campaigns/inject-wake-up/effect');
  });

  it('a hold-out above half, a bad id and an unknown campaign are refused naming the field', async () => {
    expectRefused(
      await t.api('/api/v1/campaigns', { as: 'manager', body: campaign({ id: 'inj-2', holdoutBp: 5001 }) }),
      'VALIDATION_FAILED',
      'holdoutBp',
    );
    expectRefused(
      await t.api('/api/v1/campaigns', { as: 'manager', body: campaign({ id: 'has space' }) }),
      'VALIDATION_FAILED',
      'id',
    );
    const unknown = await t.api('/api/v1/campaigns/no-such/effect', { as: 'manager' });
    expect(unknown.body.ok).toBe(false);
    expect(unknown.status).toBe(404);
  });
});
