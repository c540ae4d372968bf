import { describe, expect, it } from 'vitest';
import { expectRefused, expectRoleDenied, expectSignInRequired, useInjectBox } from '../support/inject-box.ts';

describe('inventory routes (inject)', () => {
  const t = useInjectBox();

  it('a supervisor receives goods without an order and the product’s on hand and movements show them', async () => {
    const before = await t.api('/api/v1/stock/SKU00109', { as: 'supervisor' });
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    const onHand = (before.body.data.onHand ?? 0) as number;
    const r = await t.api('/api/v1/receivings', {
      as: 'supervisor',
      body: { note: 'inject tier', lines: [{ sku: 'SKU00109', quantity: 12, unitCostFen: 350 }] },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const after = await t.api('/api/v1/stock/SKU00109', { as: 'supervisor' });
    expect(after.body.data.onHand).toBe(onHand + 12);
    expect(JSON.stringify(after.body.data)).toContain('receiving');
    const verify = await t.api('/api/v1/stock/verify', { as: 'manager' });
    expect(verify.status).toBe(200);
  });

  it('stock needs a session; receiving needs a supervisor; verifying needs a manager', async () => {
    await expectSignInRequired(t, '/api/v1/stock');
    await expectRoleDenied(t, 'cashier', '/api/v1/receivings', { body: { lines: [{ sku: 'SKU00109', quantity: 1 }] } });
    await expectRoleDenied(t, 'supervisor', '/api/v1/stock/verify');
  });

  it('an unknown product and a zero or fractional count are refused naming the line, nothing received', async () => {
    const unknown = await t.api('/api/v1/receivings', {
      as: 'supervisor',
      body: { lines: [{ sku: 'NO-SUCH-SKU', quantity: 1 }] },
    });
    expectRefused(unknown, 'INVENTORY_UNKNOWN_PRODUCT', 'lines.0.sku');
    for (const quantity of [0, 1.5]) {
      const r = await t.api('/api/v1/receivings', {
        as: 'supervisor',
        body: { lines: [{ sku: 'SKU00109', quantity }] },
      });
      expect(r.status).toBe(400);
      expect(r.body.ok).toBe(false);
      expect(String(r.body.error.field)).toMatch(/quantity/);
    }
  });
});
