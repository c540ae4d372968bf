import { describe, expect, it } from 'vitest';
import { expectRefused, expectRoleDenied, expectSignInRequired, useInjectBox } from '../support/inject-box.ts';

const snacksOff = (offBp: number) => ({
  id: 'inject-snacks-off',
  name: { zh: '零食折扣', en: 'Snacks off' },
  priority: 5,
  conditions: { categories: { include: ['食品/零食'] } },
  effect: { kind: 'itemPercentOff', offBp },
});

describe('promotions routes (inject)', () => {
  const t = useInjectBox();

  it('a manager creates, changes, deactivates and reactivates a promotion; any staff reads it', async () => {
    const created = await t.api('/api/v1/promotions', { as: 'manager', body: snacksOff(1000) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const changed = await t.api('/api/v1/promotions/inject-snacks-off', {
      as: 'manager',
      method: 'PUT',
      body: snacksOff(2000),
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const one = await t.api('/api/v1/promotions/inject-snacks-off', { as: 'cashier' });
    expect(one.body.data).toMatchObject({ active: true, definition: { effect: { offBp: 2000 } } });
    const off = await t.api('/api/v1/promotions/inject-snacks-off/deactivate', { as: 'manager', method: 'POST' });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    const list = await t.api('/api/v1/promotions', { as: 'cashier' });
    expect(list.body.data.find((p: { id: string }) => p.id === 'inject-snacks-off').active).toBe(false);
    const on = await t.api('/api/v1/promotions/inject-snacks-off/activate', { as: 'manager', method: 'POST' });
    expect(on.status, JSON.stringify(on.body)).toBe(200);
  });

  it('reading needs a session; a supervisor may not create, change, activate or deactivate', async () => {
    await expectSignInRequired(t, '/api/v1/promotions');
    await expectSignInRequired(t, '/api/v1/promotions/spend-200-save-30');
    await expectRoleDenied(t, 'supervisor', '/api/v1/promotions', { body: snacksOff(500) });
    await expectRoleDenied(t, 'supervisor', '/api/v1/promotions/spend-200-save-30', {
      method: 'PUT',
      body: snacksOff(500),
    });
    await expectRoleDenied(t, 'supervisor', '/api/v1/promotions/spend-200-save-30/deactivate', { method: 'POST' });
    await expectRoleDenied(t, 'supervisor', '/api/v1/promotions/spend-200-save-30/activate', { method: 'POST' });
  });

  it('a contradictory or misshapen promotion and an unknown id are refused naming the field', async () => {
    const contradictory = await t.api('/api/v1/promotions', {
      as: 'manager',
      body: {
        id: 'inject-m100-100',
        name: { zh: '满100减100', en: 'Spend 100 save 100' },
        priority: 0,
        conditions: {},
        effect: { kind: 'basketThreshold', thresholdFen: 10000, amountOffFen: 10000 },
      },
    });
    expectRefused(contradictory, 'PRICING_THRESHOLD_NOT_ABOVE_AMOUNT', 'effect.amountOffFen');
    expectRefused(await t.api('/api/v1/promotions/inject-m100-100', { as: 'cashier' }), 'PROMOTION_NOT_FOUND', 'id');
    expectRefused(
      await t.api('/api/v1/promotions', {
        as: 'manager',
        body: { ...snacksOff(1), effect: { kind: 'itemPercentOff' } },
      }),
      'PRICING_INVALID_PROMOTION',
      'effect',
    );
  });
});
