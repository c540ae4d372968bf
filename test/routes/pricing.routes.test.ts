import { describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { expectRefused, expectSignInRequired, useInjectBox } from '../support/inject-box.ts';

describe('pricing routes (inject)', () => {
  const t = useInjectBox();
  const product = demoProducts().find((p) => p.unit !== 'kg')!;

  it('a cashier prices a basket of two and gets the cart view in integer fen', async () => {
    const r = await t.api('/api/v1/pricing/quote', {
      as: 'cashier',
      body: { items: [{ barcode: product.barcodes[0], qty: 2 }] },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data.lines).toHaveLength(1);
    expect(r.body.data.lines[0]).toMatchObject({ sku: product.sku, quantity: 2, unitPriceFen: product.priceFen });
    expect(r.body.data.totals.grossFen).toBe(2 * product.priceFen);
    expect(Number.isInteger(r.body.data.totals.dueFen)).toBe(true);
  });

  it('a quote needs a session', async () => {
    await expectSignInRequired(t, '/api/v1/pricing/quote', { body: { items: [{ barcode: product.barcodes[0] }] } });
  });

  it('an empty basket, a zero quantity and a misread barcode are refused naming the field', async () => {
    expectRefused(
      await t.api('/api/v1/pricing/quote', { as: 'cashier', body: { items: [] } }),
      'VALIDATION_FAILED',
      'items',
    );
    expectRefused(
      await t.api('/api/v1/pricing/quote', {
        as: 'cashier',
        body: { items: [{ barcode: product.barcodes[0], qty: 0 }] },
      }),
      'VALIDATION_FAILED',
      'items.0.qty',
    );
    expectRefused(
      await t.api('/api/v1/pricing/quote', { as: 'cashier', body: { items: [{ barcode: '6999999999999' }] } }),
      'CATALOG_BAD_CHECK_DIGIT',
      'items.0.barcode',
    );
  });
});
