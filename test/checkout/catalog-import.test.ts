import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { withGtinCheckDigit } from '../../server/core/catalog/index.ts';
import { removeDir, startTestBox, type TestBox } from '../support/test-box.ts';

const ean = (n: number) => withGtinCheckDigit(`6931${String(n).padStart(8, '0')}`);
const cola = demoProducts().find((p) => p.names.zh === '可口可乐 330ml')!;

const ZH_HEADER = '商品编码,商品名称,英文名称,分类,单位,售价,税率,条码,PLU,状态';
const EN_HEADER = 'sku,name,name_en,category,unit,price,tax_rate,barcodes,plu,status';

describe('catalog import API', () => {
  let t: TestBox;
  let manager: string;
  let cashier: string;
  const upload = (body: Buffer | string, contentType: string, query = '') =>
    t.api(`/api/v1/catalog/import${query}`, {
      method: 'POST',
      token: manager,
      body: typeof body === 'string' ? body : (body as unknown as string),
      headers: { 'content-type': contentType },
    });
  const uploadBytes = async (bytes: Buffer, contentType: string, query = '') => {
    const res = await fetch(`${t.baseUrl}/api/v1/catalog/import${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${manager}`, 'content-type': contentType },
      body: new Uint8Array(bytes),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  beforeAll(async () => {
    t = await startTestBox();
    manager = await t.login('manager1', 'manager1pass');
    cashier = await t.login('cashier1', 'cashier1pass');
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dataDir);
  });

  it('imports a UTF-8 CSV (with BOM) with Chinese headers; the lanes see it at once; audited once', async () => {
    const csv = [
      ZH_HEADER,
      `IMP-001,燕京啤酒 500ml,Yanjing Beer 500ml,食品/酒水/啤酒,瓶,4.50,13%,${ean(1)}|${ean(2)},,在售`,
      `IMP-002,散装红枣,Loose Dates,生鲜 > 干果,千克,29.9,9,${ean(3)},2001,`,
      `IMP-003,"老陈醋 ""特级"" 500ml",,食品/调味/酱油醋,个,¥12,0.13,,,停售`,
    ].join('\r\n');
    const r = await uploadBytes(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]),
      'text/csv',
      '?fileName=beer.csv',
    );
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({
      outcome: 'imported',
      format: 'csv',
      rows: 3,
      imported: 3,
      created: 3,
      unchanged: 0,
      errorCount: 0,
      errors: [],
    });
    expect(t.box.ctx.repos.products.get('IMP-001')).toMatchObject({
      names: { zh: '燕京啤酒 500ml', en: 'Yanjing Beer 500ml' },
      unit: 'each',
      priceFen: 450,
      taxRateBp: 1300,
      status: 'active',
    });
    expect(t.box.ctx.repos.products.get('IMP-002')).toMatchObject({
      categoryPath: '生鲜/干果',
      unit: 'kg',
      priceFen: 2990,
      taxRateBp: 900,
      plu: '2001',
    });
    expect(t.box.ctx.repos.products.get('IMP-003')).toMatchObject({
      names: { zh: '老陈醋 "特级" 500ml' },
      priceFen: 1200,
      taxRateBp: 1300,
      status: 'inactive',
      barcodes: [],
    });
    const quote = await t.api('/api/v1/pricing/quote', {
      token: cashier,
      body: { items: [{ barcode: ean(2), qty: 2 }] },
    });
    expect(quote.body.data.totals.grossFen).toBe(900);
    const audit = t.box.ctx.db
      .prepare("SELECT actor, subject, detail FROM audit_log WHERE action = 'catalog.imported'")
      .all() as Array<{ actor: string; subject: string; detail: string }>;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'manager1', subject: 'beer.csv' });
    expect(JSON.parse(audit[0].detail)).toMatchObject({ rows: 3, created: 3, updated: 0 });
  });

  it('imports a GBK CSV with English headers and updates prices (audited from/to)', async () => {
    const csv = [
      EN_HEADER,
      `IMP-001,燕京啤酒 500ml,Yanjing Beer 500ml,食品/酒水/啤酒,each,4.80,1300bp,${ean(1)}|${ean(2)},,active`,
      `IMP-004,五常大米 5kg,,食品/粮油/大米,袋,59.00,9%,${ean(4)},,`,
    ].join('\n');
    const r = await uploadBytes(iconv.encode(csv, 'gbk'), 'text/csv', '?fileName=gbk.csv');
    expect(r.body.data).toMatchObject({ outcome: 'imported', rows: 2, imported: 2, created: 1, updated: 1 });
    expect(t.box.ctx.repos.products.get('IMP-004')!.names.zh).toBe('五常大米 5kg');
    expect(t.box.ctx.repos.products.get('IMP-001')!.priceFen).toBe(480);
    const detail = JSON.parse(
      (
        t.box.ctx.db
          .prepare("SELECT detail FROM audit_log WHERE action = 'catalog.imported' AND subject = 'gbk.csv'")
          .get() as { detail: string }
      ).detail,
    );
    expect(detail.priceChanges).toEqual([{ sku: 'IMP-001', from: 450, to: 480 }]);
  });

  it('imports a JSON array of products in the API shape', async () => {
    const products = [
      {
        sku: 'IMP-J1',
        names: { zh: '青岛啤酒 330ml' },
        categoryPath: '食品/酒水/啤酒',
        unit: 'each',
        priceFen: 550,
        taxRateBp: 1300,
        status: 'active',
        barcodes: [ean(10)],
      },
      {
        sku: 'IMP-J2',
        names: { zh: '雪花啤酒 330ml', en: 'Snow Beer' },
        categoryPath: '食品/酒水/啤酒',
        unit: 'each',
        priceFen: 400,
        taxRateBp: 1300,
        status: 'active',
        barcodes: [],
      },
    ];
    const r = await upload(JSON.stringify(products), 'application/json', '?fileName=beer.json');
    expect(r.body.data).toMatchObject({ outcome: 'imported', format: 'json', rows: 2, created: 2 });
    expect(t.box.ctx.repos.products.get('IMP-J1')!.barcodes).toEqual([ean(10)]);
  });

  it('a file with bad rows imports nothing and lists every bad row with its column', async () => {
    const before = t.box.ctx.repos.products.revision();
    const wrongDigit = ean(20).slice(0, 12) + String((Number(ean(20)[12]) + 1) % 10);
    const csv = [
      ZH_HEADER,
      `IMP-100,好商品,,食品/零食,个,3.00,13%,${ean(21)},,`,
      `IMP-101,坏价格,,食品/零食,个,3.005,13%,,,`,
      `IMP-102,坏条码,,食品/零食,个,3.00,13%,${wrongDigit},,`,
      `IMP-103,,,食品/零食,斤,abc,13%,,,`,
      `IMP-104,占用条码,,食品/零食,个,3.00,13%,${cola.barcodes[0]},,`,
      `IMP-100,重复编码,,食品/零食,个,3.00,13%,,,`,
      `IMP-105,坏税率,,食品/零食,个,3.00,130%,,,`,
    ].join('\n');
    const r = await upload(csv, 'text/csv', '?fileName=bad.csv');
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'IMPORT_HAS_ERRORS', params: { count: 6 } });
    expect(r.body.data).toMatchObject({ outcome: 'rejected', rows: 7, imported: 0, badRows: 6, errorCount: 8 });
    expect(r.body.data.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, '售价'],
      [4, '条码'],
      [5, '商品名称'],
      [5, '单位'],
      [5, '售价'],
      [6, '条码'],
      [7, '商品编码'],
      [8, '税率'],
    ]);
    expect(r.body.data.errors.find((e: { row: number }) => e.row === 6).reason).toContain(cola.sku);
    expect(t.box.ctx.repos.products.get('IMP-100')).toBeUndefined();
    expect(t.box.ctx.repos.products.revision()).toBe(before);

    const partial = await upload(csv, 'text/csv', '?fileName=bad.csv&partial=true');
    expect(partial.status).toBe(200);
    expect(partial.body.data).toMatchObject({ outcome: 'imported', rows: 7, imported: 1, badRows: 6, errorCount: 8 });
    expect(t.box.ctx.repos.products.get('IMP-100')!.names.zh).toBe('好商品');
    expect(t.box.ctx.repos.products.get('IMP-104')).toBeUndefined();
  });

  it('re-importing the same file is a no-op; identical rows in a new file change nothing', async () => {
    const csv = [EN_HEADER, `IMP-200,旺仔牛奶 245ml,,食品/乳品/牛奶,罐,5.50,13%,${ean(30)},,`].join('\n');
    expect((await upload(csv, 'text/csv', '?fileName=a.csv')).body.data).toMatchObject({
      outcome: 'imported',
      imported: 1,
    });
    const revision = t.box.ctx.repos.products.revision();
    const again = await upload(csv, 'text/csv', '?fileName=a-again.csv');
    expect(again.body.data).toMatchObject({ outcome: 'alreadyImported', imported: 0, unchanged: 1 });
    const same = await upload(`${csv}\n`, 'text/csv', '?fileName=a-copy.csv');
    expect(same.body.data).toMatchObject({ outcome: 'imported', imported: 0, unchanged: 1 });
    expect(t.box.ctx.repos.products.revision()).toBe(revision);
  });

  it('barcodes and PLUs may move between products of the same file', async () => {
    const csv = [
      EN_HEADER,
      `IMP-300,甲,,食品/零食,个,1.00,13%,${ean(40)},3001,`,
      `IMP-301,乙,,食品/零食,个,1.00,13%,${ean(41)},3002,`,
    ].join('\n');
    expect((await upload(csv, 'text/csv')).body.data.imported).toBe(2);
    const swapped = [
      EN_HEADER,
      `IMP-300,甲,,食品/零食,个,1.00,13%,${ean(41)},3002,`,
      `IMP-301,乙,,食品/零食,个,1.00,13%,${ean(40)},3001,`,
    ].join('\n');
    expect((await upload(swapped, 'text/csv')).body.data).toMatchObject({ outcome: 'imported', updated: 2 });
    expect(t.box.catalog.index().byBarcode(ean(41))?.sku).toBe('IMP-300');
    expect(t.box.catalog.index().byPlu('3001')?.sku).toBe('IMP-301');
  });

  it('takes files far above the default 1 MB body limit', async () => {
    const rows = Array.from(
      { length: 20_000 },
      (_, i) => `BIG-${i},大文件商品${i},,食品/零食,个,1.00,13%,${ean(100_000 + i)},,`,
    );
    const body = [EN_HEADER, ...rows].join('\n');
    expect(Buffer.byteLength(body)).toBeGreaterThan(1_048_576);
    const r = await upload(body, 'text/csv', '?fileName=big.csv');
    expect(r.body.data).toMatchObject({ outcome: 'imported', rows: 20_000, created: 20_000 });
    expect(t.box.catalog.index().byBarcode(ean(119_999))?.sku).toBe('BIG-19999');
  });

  it('an unreadable file gets a clear error; a dry run writes nothing; cashiers may not import', async () => {
    const noColumns = await upload('foo,bar\n1,2\n', 'text/csv');
    expect(noColumns.status).toBe(400);
    expect(noColumns.body.error.code).toBe('IMPORT_UNREADABLE');
    expect(noColumns.body.error.message).toContain('sku');
    expect((await upload('{"not": "an array"}', 'application/json')).body.error.code).toBe('IMPORT_UNREADABLE');
    const dry = await upload(
      [EN_HEADER, `IMP-400,丙,,食品/零食,个,1.00,13%,,,`].join('\n'),
      'text/csv',
      '?dryRun=true',
    );
    expect(dry.body.data).toMatchObject({ outcome: 'dryRun', imported: 1, created: 1 });
    expect(t.box.ctx.repos.products.get('IMP-400')).toBeUndefined();
    const denied = await fetch(`${t.baseUrl}/api/v1/catalog/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cashier}`, 'content-type': 'text/csv' },
      body: EN_HEADER,
    });
    expect(denied.status).toBe(403);
  });
});
