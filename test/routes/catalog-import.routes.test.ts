import { describe, expect, it } from 'vitest';
import { withGtinCheckDigit } from '../../server/core/catalog/index.ts';
import { expectRefused, expectRoleDenied, useInjectBox } from '../support/inject-box.ts';

const ean = (n: number) => withGtinCheckDigit(`6932${String(n).padStart(8, '0')}`);
const EN_HEADER = 'sku,name,name_en,category,unit,price,tax_rate,barcodes,plu,status';
const csv = (...rows: string[]) => [EN_HEADER, ...rows].join('\r\n');

describe('catalog import route (inject)', () => {
  const t = useInjectBox();
  const upload = (body: string, query = '') =>
    t.api(`/api/v1/catalog/import${query}`, { as: 'manager', body, headers: { 'content-type': 'text/csv' } });

  it('a manager imports a CSV; the product is found and the lanes price it at once', async () => {
    const r = await upload(csv(`INJ-IMP-1,燕京啤酒 500ml,Yanjing Beer,食品/酒水/啤酒,瓶,4.50,13%,${ean(1)},,在售`));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data).toMatchObject({ imported: 1 });
    expect((await t.api('/api/v1/products/INJ-IMP-1', { as: 'cashier' })).body.data.priceFen).toBe(450);
    const quote = await t.api('/api/v1/pricing/quote', { as: 'cashier', body: { items: [{ barcode: ean(1) }] } });
    expect(quote.body.data.totals.grossFen).toBe(450);
  });

  it('a dry run imports nothing', async () => {
    const r = await upload(
      csv(`INJ-IMP-2,青岛啤酒,Tsingtao,食品/酒水/啤酒,瓶,5.00,13%,${ean(2)},,在售`),
      '?dryRun=true',
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await t.api('/api/v1/products/INJ-IMP-2', { as: 'cashier' })).body.error.code).toBe('PRODUCT_NOT_FOUND');
  });

  it('a supervisor may not import', async () => {
    const r = await t.api('/api/v1/catalog/import', {
      as: 'supervisor',
      body: csv(),
      headers: { 'content-type': 'text/csv' },
    });
    expectRefused(r, 'AUTH_FORBIDDEN');
    await expectRoleDenied(t, 'cashier', '/api/v1/catalog/import', { body: {} });
  });

  it('a file with a bad row is rejected whole with the row counted; a bad query flag names its field', async () => {
    const r = await upload(
      csv(
        `INJ-IMP-3,好的,Good,食品/饮料,瓶,1.00,13%,${ean(3)},,在售`,
        `INJ-IMP-4,坏的,Bad,食品/饮料,瓶,-1,13%,${ean(4)},,在售`,
      ),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(r.body.error.code).toBe('IMPORT_HAS_ERRORS');
    expect(r.body.data.badRows).toBe(1);
    expect((await t.api('/api/v1/products/INJ-IMP-3', { as: 'cashier' })).body.error.code).toBe('PRODUCT_NOT_FOUND');
    expectRefused(await upload(csv(), '?dryRun=perhaps'), 'VALIDATION_FAILED', 'dryRun');
  });
});
