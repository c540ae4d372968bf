import { describe, expect, it } from 'vitest';
import { expectRefused, expectRoleDenied, expectSignInRequired, useInjectBox } from '../support/inject-box.ts';

// the run itself is a worker job over the database file, which an in-memory box has not: the full-box test
// (test/inventory/replenishment-e2e.test.ts) covers it
describe('replenishment routes (inject)', () => {
  const t = useInjectBox();

  it('a manager sets a product’s supply terms; before any run the latest suggestions say there is none', async () => {
    const r = await t.api('/api/v1/replenishment/supply/SKU00109', {
      method: 'PUT',
      as: 'manager',
      body: { supplierId: 'SUP-1', supplierName: '华润供应', leadTimeDays: 3, packSize: 12, minOrder: 24 },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expectRefused(await t.api('/api/v1/replenishment/latest', { as: 'manager' }), 'REPLENISHMENT_NO_RUN');
  });

  it('suggestions need a manager', async () => {
    await expectSignInRequired(t, '/api/v1/replenishment/latest');
    await expectRoleDenied(t, 'supervisor', '/api/v1/replenishment/latest');
    await expectRoleDenied(t, 'cashier', '/api/v1/replenishment/run', { body: {} });
  });

  it('supply terms with a zero pack size or a bad export format are refused naming the field', async () => {
    expectRefused(
      await t.api('/api/v1/replenishment/supply/SKU00109', {
        method: 'PUT',
        as: 'manager',
        body: { supplierId: 'SUP-1', supplierName: 'x', leadTimeDays: 3, packSize: 0, minOrder: 0 },
      }),
      'VALIDATION_FAILED',
      'packSize',
    );
    expectRefused(
      await t.api('/api/v1/replenishment/latest/export?format=pdf', { as: 'manager' }),
      'VALIDATION_FAILED',
      'format',
    );
  });
});
