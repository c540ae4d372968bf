import { describe, expect, it } from 'vitest';
import { withGtinCheckDigit } from '../../server/core/catalog/index.ts';
import { expectRefused, expectRoleDenied, expectSignInRequired, useInjectBox } from '../support/inject-box.ts';

const EAN = withGtinCheckDigit('690000000101');
const product = (over: Record<string, unknown> = {}) => ({
  sku: 'INJ-001',
  names: { zh: '注入测试水 500ml', en: 'Inject Water 500ml' },
  categoryPath: '食品/饮料/饮用水',
  unit: 'each',
  priceFen: 250,
  taxRateBp: 1300,
  barcodes: [EAN],
  ...over,
});

describe('products routes (inject)', () => {
  const t = useInjectBox();

  it('a manager creates, changes and deactivates a product; any staff finds it and sees the categories', async () => {
    const created = await t.api('/api/v1/products', { as: 'manager', body: product() });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const found = await t.api(`/api/v1/products?q=${EAN}`, { as: 'cashier' });
    expect(found.body.data.items.map((p: { sku: string }) => p.sku)).toEqual(['INJ-001']);
    const changed = await t.api('/api/v1/products/INJ-001', {
      as: 'manager',
      method: 'PUT',
      body: product({ priceFen: 300 }),
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect((await t.api('/api/v1/products/INJ-001', { as: 'cashier' })).body.data.priceFen).toBe(300);
    const categories = await t.api('/api/v1/categories', { as: 'cashier' });
    expect(categories.status).toBe(200);
    expect(JSON.stringify(categories.body.data)).toContain('饮用水');
    const gone = await t.api('/api/v1/products/INJ-001', { as: 'manager', method: 'DELETE' });
    expect(gone.status, JSON.stringify(gone.body)).toBe(200);
    expect((await t.api('/api/v1/products/INJ-001', { as: 'cashier' })).body.data.status).toBe('inactive');
  });

  it('reading needs a session; a supervisor may not create, change or deactivate', async () => {
    await expectSignInRequired(t, '/api/v1/products');
    await expectSignInRequired(t, '/api/v1/categories');
    await expectRoleDenied(t, 'supervisor', '/api/v1/products', { body: product({ sku: 'INJ-002', barcodes: [] }) });
    await expectRoleDenied(t, 'supervisor', '/api/v1/products/INJ-001', { method: 'PUT', body: product() });
    await expectRoleDenied(t, 'supervisor', '/api/v1/products/INJ-001', { method: 'DELETE' });
  });

  it('a negative price, a page size out of range and an unknown SKU are refused naming the field', async () => {
    const bad = await t.api('/api/v1/products', {
      as: 'manager',
      body: product({ sku: 'INJ-003', barcodes: [], priceFen: -1 }),
    });
    expect(bad.body.ok).toBe(false);
    expect(bad.body.error.field).toBe('priceFen');
    expect((await t.api('/api/v1/products/INJ-003', { as: 'cashier' })).body.error.code).toBe('PRODUCT_NOT_FOUND');
    expectRefused(await t.api('/api/v1/products?pageSize=201', { as: 'cashier' }), 'VALIDATION_FAILED', 'pageSize');
    expectRefused(await t.api('/api/v1/products/NOPE-1', { as: 'cashier' }), 'PRODUCT_NOT_FOUND', 'sku');
  });
});
