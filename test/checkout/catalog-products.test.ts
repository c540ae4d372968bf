import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withGtinCheckDigit } from '../../server/core/catalog/index.ts';
import { removeDir, startTestBox, type TestBox } from '../support/test-box.ts';

const EAN = withGtinCheckDigit('690000000001');
const EAN2 = withGtinCheckDigit('690000000002');
const newProduct = (over: Record<string, unknown> = {}) => ({
  sku: 'NEW-001',
  names: { zh: '测试矿泉水 500ml', en: 'Test Water 500ml' },
  categoryPath: '食品/饮料/饮用水',
  unit: 'each',
  priceFen: 250,
  taxRateBp: 1300,
  barcodes: [EAN],
  ...over,
});

describe('products API', () => {
  let t: TestBox;
  let manager: string;
  let cashier: string;
  beforeAll(async () => {
    t = await startTestBox();
    manager = await t.login('manager1', 'manager1pass');
    cashier = await t.login('cashier1', 'cashier1pass');
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dataDir);
  });

  it('a manager creates a product; it is found by SKU, name, barcode and audited', async () => {
    const created = await t.api('/api/v1/products', { token: manager, body: newProduct() });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ sku: 'NEW-001', status: 'active', barcodes: [EAN] });
    for (const q of ['NEW-001', '测试矿泉水', 'test water', EAN]) {
      const found = await t.api(`/api/v1/products?q=${encodeURIComponent(q)}`, { token: cashier });
      expect(found.status).toBe(200);
      expect(found.body.data.items.map((p: { sku: string }) => p.sku)).toContain('NEW-001');
    }
    const one = await t.api('/api/v1/products/NEW-001', { token: cashier });
    expect(one.body.data.priceFen).toBe(250);
    const row = t.box.ctx.db
      .prepare("SELECT actor, detail FROM audit_log WHERE action = 'product.created' AND subject = 'NEW-001'")
      .get() as { actor: string; detail: string };
    expect(row.actor).toBe('manager1');
    expect(JSON.parse(row.detail).priceFen).toBe(250);
    // the lanes' index sees it at once
    expect(t.box.catalog.index().byBarcode(EAN)?.sku).toBe('NEW-001');
  });

  it('search is paged with the total', async () => {
    const first = await t.api('/api/v1/products?page=1&pageSize=7', { token: cashier });
    const second = await t.api('/api/v1/products?page=2&pageSize=7', { token: cashier });
    const total = (t.box.ctx.db.prepare('SELECT count(*) AS n FROM product').get() as { n: number }).n;
    expect(first.body.data.total).toBe(total);
    expect(first.body.data.items).toHaveLength(7);
    expect(second.body.data.items[0].sku > first.body.data.items[6].sku).toBe(true);
  });

  it('a cashier cannot create, change or deactivate', async () => {
    expect(
      (await t.api('/api/v1/products', { token: cashier, body: newProduct({ sku: 'NEW-002', barcodes: [] }) })).body
        .error.code,
    ).toBe('AUTH_FORBIDDEN');
    expect(
      (await t.api('/api/v1/products/NEW-001', { method: 'PUT', token: cashier, body: { priceFen: 1 } })).status,
    ).toBe(403);
    expect((await t.api('/api/v1/products/NEW-001', { method: 'DELETE', token: cashier })).status).toBe(403);
    expect((await t.api('/api/v1/products', { body: newProduct() })).status).toBe(401);
  });

  it('validation errors name the field', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [newProduct({ sku: 'BAD-1', names: { zh: '' } }), 'CATALOG_INVALID_PRODUCT', 'names.zh'],
      [newProduct({ sku: 'BAD-2', priceFen: 1.5 }), 'CATALOG_INVALID_PRODUCT', 'priceFen'],
      [newProduct({ sku: 'BAD-3', unit: 'box' }), 'CATALOG_INVALID_PRODUCT', 'unit'],
      [
        newProduct({ sku: 'BAD-4', barcodes: [EAN2, EAN2.slice(0, 12) + String((Number(EAN2[12]) + 1) % 10)] }),
        'CATALOG_BAD_CHECK_DIGIT',
        'barcodes.1',
      ],
      [newProduct({ sku: 'BAD-5', barcodes: [EAN] }), 'PRODUCT_BARCODE_TAKEN', 'barcodes.0'],
      [newProduct({ barcodes: [] }), 'PRODUCT_SKU_TAKEN', 'sku'],
    ];
    for (const [body, code, field] of cases) {
      const r = await t.api('/api/v1/products', { token: manager, body, headers: { 'accept-language': 'en' } });
      expect({ code: r.body.error?.code, field: r.body.error?.field }).toEqual({ code, field });
      expect(r.status).toBeGreaterThanOrEqual(400);
    }
    expect((await t.api('/api/v1/products/BAD-5', { token: cashier })).body.error.code).toBe('PRODUCT_NOT_FOUND');
  });

  it('a price change is audited with from/to and bumps the revision', async () => {
    const before = t.box.ctx.repos.products.revision();
    const r = await t.api('/api/v1/products/NEW-001', {
      method: 'PUT',
      token: manager,
      body: { priceFen: 300, barcodes: [EAN, EAN2] },
    });
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ priceFen: 300, names: { zh: '测试矿泉水 500ml' } });
    expect(t.box.ctx.repos.products.revision()).toBe(before + 1);
    const row = t.box.ctx.db
      .prepare("SELECT detail FROM audit_log WHERE action = 'product.updated' AND subject = 'NEW-001'")
      .get() as { detail: string };
    expect(JSON.parse(row.detail).priceFen).toEqual({ from: 250, to: 300 });
    expect(t.box.catalog.index().byBarcode(EAN2)?.priceFen).toBe(300);
    const mismatch = await t.api('/api/v1/products/NEW-001', { method: 'PUT', token: manager, body: { sku: 'OTHER' } });
    expect(mismatch.body.error.code).toBe('PRODUCT_SKU_MISMATCH');
    expect(
      (await t.api('/api/v1/products/NOPE', { method: 'PUT', token: manager, body: { priceFen: 1 } })).status,
    ).toBe(404);
  });

  it('delete deactivates: the SKU stays, the lanes refuse it', async () => {
    const r = await t.api('/api/v1/products/NEW-001', { method: 'DELETE', token: manager });
    expect(r.body.data.status).toBe('inactive');
    expect((await t.api('/api/v1/products/NEW-001', { token: cashier })).body.data.status).toBe('inactive');
    const quote = await t.api('/api/v1/pricing/quote', { token: cashier, body: { items: [{ barcode: EAN }] } });
    expect(quote.body.error).toMatchObject({ code: 'CATALOG_PRODUCT_INACTIVE', field: 'items.0.barcode' });
    const audit = t.box.ctx.db
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'product.deactivated' AND subject = 'NEW-001'")
      .get() as { n: number };
    expect(audit.n).toBe(1);
  });

  it('the category tree counts products at every level', async () => {
    const r = await t.api('/api/v1/categories', { token: cashier });
    const food = r.body.data.find((n: { name: string }) => n.name === '食品');
    const drinks = food.children.find((n: { name: string }) => n.name === '饮料');
    const byPath = t.box.ctx.db.prepare(
      "SELECT count(*) AS n FROM product WHERE category_path = ? OR category_path LIKE ? || '/%'",
    );
    expect(food.products).toBe((byPath.get('食品', '食品') as { n: number }).n);
    expect(drinks.products).toBe((byPath.get('食品/饮料', '食品/饮料') as { n: number }).n);
    expect(drinks.active).toBe(drinks.products - 1); // NEW-001 was deactivated
    expect(drinks.children.map((n: { path: string }) => n.path)).toContain('食品/饮料/饮用水');
  });
});
