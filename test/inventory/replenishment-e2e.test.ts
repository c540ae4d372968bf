import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { LaneClient } from '../support/lane-client.ts';
import { removeDir, startTestBox, type TestBox } from '../support/test-box.ts';

const products = demoProducts();
const rice = products.find((p) => p.names.zh === '金龙鱼东北大米 5kg')!;
const oil = products.find((p) => p.names.zh === '鲁花花生油 5L')!;
const jasmine = products.find((p) => p.names.zh === '福临门泰国香米 5kg')!;

/** a week of rice sales, Monday first: a busy weekend */
const RICE_WEEK = [2, 2, 2, 2, 3, 5, 4];
/** Monday 2026-11-02, 10:00 in Shanghai */
const MONDAY = Date.parse('2026-11-02T02:00:00Z');
const DAY_MS = 86_400_000;

/** The stock the store had before the week, received through the inventory feature's receiving route. */
async function seedStock(t: TestBox, sku: string, quantity: number): Promise<void> {
  const token = await t.login('manager1', 'manager1pass');
  const r = await t.api('/api/v1/receivings', { token, body: { note: 'opening stock', lines: [{ sku, quantity }] } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

async function sellAt(t: TestBox, items: Array<{ code: string; quantity: number }>): Promise<void> {
  const lane = await LaneClient.login(t.baseUrl, 'L01');
  try {
    await lane.send('cart.open');
    let due = 0;
    for (const item of items) {
      const r = await lane.send('cart.scan', item);
      expect(r.ok).toBe(true);
      due = r.data.cart!.totals.dueFen;
    }
    await lane.send('cart.tenderCash', { amountFen: due });
    const done = await lane.send('cart.complete', { saleId: uuidv7(), expectedDueFen: due });
    expect(done.ok).toBe(true);
  } finally {
    lane.close();
  }
}

describe('a week of lane sales produces a replenishment suggestion worked out by hand', () => {
  let t: TestBox;
  let now = MONDAY;
  let manager: string;

  beforeAll(async () => {
    t = await startTestBox({}, undefined, { now: () => new Date(now) });
    await seedStock(t, rice.sku, 30);
    await seedStock(t, oil.sku, 10);
    // on the shelf all week, never sold
    await seedStock(t, jasmine.sku, 5);
    manager = await t.login('manager1', 'manager1pass');
    const supply = (sku: string, body: Record<string, unknown>) =>
      t.api(`/api/v1/replenishment/supply/${sku}`, { method: 'PUT', token: manager, body });
    expect(
      (
        await supply(rice.sku, {
          supplierId: 'S-GRAIN',
          supplierName: '粮油批发',
          leadTimeDays: 3,
          packSize: 6,
          minOrder: 12,
          costFen: 3000,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await supply(oil.sku, {
          supplierId: 'S-OIL',
          supplierName: '鲁花经销商',
          leadTimeDays: 2,
          packSize: 1,
          minOrder: 0,
        })
      ).status,
    ).toBe(200);
    for (let day = 0; day < 7; day++) {
      now = MONDAY + day * DAY_MS;
      await sellAt(t, [
        { code: rice.barcodes[0]!, quantity: RICE_WEEK[day]! },
        { code: oil.barcodes[0]!, quantity: 1 },
      ]);
    }
    // the run happens on Sunday evening: the history is Monday–Sunday, the forecast starts on Monday
    now = MONDAY + 6 * DAY_MS + 10 * 3_600_000;
    // a week on, the first session has expired
    manager = await t.login('manager1', 'manager1pass');
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dataDir);
  });

  it('says there is nothing to show before the first run', async () => {
    const r = await t.api('/api/v1/replenishment/latest', { token: manager });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('REPLENISHMENT_NO_RUN');
  });

  it('suggests 24 bags of rice from the grain supplier, and no oil, each figure explained', async () => {
    const run = await t.api('/api/v1/replenishment/run', { token: manager, body: {} });
    expect(run.status).toBe(200);
    expect(run.body.data.run).toMatchObject({ asOf: '2026-11-08', actor: 'manager1', suggested: 1 });

    const latest = await t.api('/api/v1/replenishment/latest', { token: manager });
    expect(latest.status).toBe(200);
    const orders = latest.body.data.purchaseOrders;
    expect(orders.map((o: any) => o.supplierId)).toEqual(['S-GRAIN']);
    const [line] = orders[0].lines;
    expect(line.sku).toBe(rice.sku);
    // By hand. The week sold 2,2,2,2,3,5,4 = 20, a mean of 20/7 = 2.86 a day; each weekday's index is its
    // share (Monday 2 × 7/20), so the level after the first week is 20/7. No one-day-ahead errors yet, so
    // sigma is the week's sample standard deviation: √(8.857/6) = 1.215.
    // Lead time 3 days from Monday: 2+2+2 = 6. Safety stock 1.645 × 1.215 × √3 = 3.46; reorder point ⌈9.46⌉ = 10.
    // Order up to: 6 + the next 7 days' 20 + 3.46 = 29.46 → 30. On hand 30 − 20 = 10, nothing on order:
    // 10 ≤ 10, so order 30 − 10 = 20, rounded up to packs of 6: 24 (above the minimum of 12). 24 × ¥30 = ¥720.
    expect(line.explanation).toMatchObject({
      demandPerDay: 2.86,
      leadTimeDays: 3,
      demandOverLeadTime: 6,
      safetyStock: 3.46,
      reorderPoint: 10,
      orderUpTo: 30,
      onHand: 10,
      onOrder: 0,
      rawQuantity: 20,
      quantity: 24,
      packSize: 6,
      minOrder: 12,
    });
    expect(line.quantity).toBe(24);
    expect(orders[0]).toMatchObject({ supplierName: '粮油批发', totalCostFen: 72_000, linesWithoutCost: 0 });
  });

  it('exports the draft as CSV and as an Excel workbook', async () => {
    const csv = await fetch(`${t.baseUrl}/api/v1/replenishment/latest/export?format=csv`, {
      headers: { authorization: `Bearer ${manager}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    const rows = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('建议订货量 Quantity');
    expect(rows[1]!.split(',').slice(0, 8)).toEqual([
      '粮油批发',
      'S-GRAIN',
      rice.sku,
      rice.names.zh,
      'each',
      '24',
      '30.00',
      '720.00',
    ]);

    const xlsx = await fetch(`${t.baseUrl}/api/v1/replenishment/latest/export?format=xlsx`, {
      headers: { authorization: `Bearer ${manager}` },
    });
    expect(xlsx.status).toBe(200);
    const bytes = Buffer.from(await xlsx.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as never);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(2).getCell(3).value).toBe(rice.sku);
    expect(sheet.getRow(2).getCell(6).value).toBe(24);
  });

  it('refuses supply terms for an unknown product and a minimum order that is not whole packs, writing nothing', async () => {
    const unknown = await t.api('/api/v1/replenishment/supply/NOPE', {
      method: 'PUT',
      token: manager,
      body: { supplierId: 'S', supplierName: 'x', leadTimeDays: 1, packSize: 1, minOrder: 0 },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'PRODUCT_NOT_FOUND', field: 'sku' });
    const packs = await t.api(`/api/v1/replenishment/supply/${rice.sku}`, {
      method: 'PUT',
      token: manager,
      body: { supplierId: 'S', supplierName: 'x', leadTimeDays: 1, packSize: 6, minOrder: 10 },
    });
    expect(packs.status).toBe(400);
    expect(packs.body.error).toMatchObject({ code: 'REPLENISHMENT_SUPPLY_INVALID', field: 'minOrder' });
    const bad = await t.api(`/api/v1/replenishment/supply/${rice.sku}`, {
      method: 'PUT',
      token: manager,
      body: { supplierId: 'S', supplierName: 'x', leadTimeDays: -1, packSize: 0, minOrder: 0 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.ok).toBe(false);
    // the rice terms are still the grain supplier's: the next run still orders 4 packs of 6 from S-GRAIN
    await t.api('/api/v1/replenishment/run', { token: manager, body: {} });
    const latest = await t.api('/api/v1/replenishment/latest', { token: manager });
    expect(latest.body.data.purchaseOrders[0]).toMatchObject({ supplierId: 'S-GRAIN' });
    expect(latest.body.data.purchaseOrders[0].lines[0].quantity).toBe(24);
  });

  it('lists flagged stock: rice and oil are not dead, a product never sold with stock is', async () => {
    const dead = await t.api('/api/v1/replenishment/latest/stock?flag=dead', { token: manager });
    expect(dead.status).toBe(200);
    const skus = dead.body.data.lines.map((l: any) => l.sku);
    expect(skus).toContain(jasmine.sku);
    expect(skus).not.toContain(rice.sku);
    expect(skus).not.toContain(oil.sku);
    expect(dead.body.data.lines.find((l: any) => l.sku === jasmine.sku)).toMatchObject({
      flags: ['dead'],
      quantity: 0,
      explanation: { onHand: 5, demandPerDay: 0, daysOfCover: null },
    });
    const bad = await t.api('/api/v1/replenishment/latest/stock?flag=nope', { token: manager });
    expect(bad.status).toBe(400);
  });
});
