import ExcelJS from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { storeLocalTime } from '../../server/app/store-time.ts';
import { LaneClient } from '../support/lane-client.ts';
import { useTestBox } from '../support/test-box.ts';

const rice = demoProducts().find((p) => p.names.zh === '金龙鱼东北大米 5kg')!; // ¥49.90

const t = useTestBox();

async function sellRice(lane: LaneClient): Promise<number> {
  await lane.send('cart.open');
  const scanned = await lane.send('cart.scan', { code: rice.barcodes[0] });
  const due = scanned.data.cart!.totals.dueFen;
  await lane.send('cart.tenderCash', { amountFen: 10_000 });
  const done = await lane.send('cart.complete', { saleId: uuidv7(), expectedDueFen: due });
  expect(done.ok).toBe(true);
  return due;
}

const today = () => storeLocalTime(new Date(), 'Asia/Shanghai').date;

describe('the console dashboard and reports API', () => {
  it("shows a lane's sale in today's figures, per hour, by channel and in the top products, and the lane live", async () => {
    const manager = await t.login('manager1', 'manager1pass');
    const lane = await LaneClient.login(t.baseUrl, 'L01');
    const due = await sellRice(lane);
    const r = await t.api('/api/v1/dashboard', { token: manager });
    expect(r.status).toBe(200);
    const d = r.body.data;
    expect(d.businessDate).toBe(today());
    expect(d.today).toMatchObject({
      sales: 1,
      dueFen: due,
      averageFen: due,
      memberShareBp: 0,
      refunds: 0,
      netFen: due,
    });
    expect(d.yesterday).toMatchObject({ sales: 0, dueFen: 0 });
    expect(d.hourly.today).toHaveLength(24);
    expect(d.hourly.today.reduce((a: number, b: number) => a + b, 0)).toBe(due);
    expect(d.hourly.today[Math.floor(storeLocalTime(new Date(), 'Asia/Shanghai').minuteOfDay / 60)]).toBe(due);
    expect(d.channels).toEqual([{ key: 'cash', sales: 1, amountFen: due }]);
    expect(d.topProducts[0]).toMatchObject({ key: rice.sku, name: rice.names.zh, quantity: 1, sales: 1 });
    expect(d.lanes.find((l: any) => l.laneId === 'L01')).toMatchObject({ state: 'idle', cashier: 'cashier1' });
    expect(d.lanes.find((l: any) => l.laneId === 'L02')).toMatchObject({ state: 'offline' });
    expect(d.badges).toMatchObject({ openAnomalies: 0, deviceAlerts: [], hq: { connected: false } });
    lane.close();
  });

  it('reports a date range by every breakdown and refuses a range that ends before it starts', async () => {
    const manager = await t.login('manager1', 'manager1pass');
    const day = today();
    const r = await t.api(`/api/v1/reports?from=${day}&to=${day}`, { token: manager });
    expect(r.status).toBe(200);
    const report = r.body.data;
    expect(report.totals.sales).toBeGreaterThanOrEqual(1);
    expect(report.breakdowns.lane[0]).toMatchObject({ key: 'L01' });
    expect(report.breakdowns.cashier[0]).toMatchObject({ key: 'cashier1' });
    expect(report.breakdowns.day).toEqual([{ key: day, sales: report.totals.sales, amountFen: report.totals.dueFen }]);
    expect(Object.keys(report.breakdowns)).toEqual([
      'day',
      'hour',
      'lane',
      'cashier',
      'channel',
      'category',
      'product',
      'promotion',
    ]);

    const bad = await t.api(`/api/v1/reports?from=2026-03-02&to=2026-03-01`, { token: manager });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'REPORT_RANGE_INVALID', field: 'to' } });
    const notADate = await t.api(`/api/v1/reports?from=2026-02-30&to=2026-03-01`, { token: manager });
    expect(notADate.body).toMatchObject({ ok: false, error: { code: 'REPORT_RANGE_INVALID', field: 'from' } });
    const cashier = await t.login('cashier1', 'cashier1pass');
    expect((await t.api(`/api/v1/reports?from=${day}&to=${day}`, { token: cashier })).status).toBe(403);
  });

  it('exports the report as CSV and as an Excel workbook that opens with the same figures', async () => {
    const manager = await t.login('manager1', 'manager1pass');
    const day = today();
    const report = (await t.api(`/api/v1/reports?from=${day}&to=${day}`, { token: manager })).body.data;
    const csv = await fetch(`${t.baseUrl}/api/v1/reports/export?from=${day}&to=${day}&format=csv`, {
      headers: { authorization: `Bearer ${manager}` },
    });
    expect(csv.headers.get('content-disposition')).toContain(`storebox-report-${day}_${day}.csv`);
    const bytes = Buffer.from(await csv.arrayBuffer());
    // a UTF-8 BOM first, so Excel opens the Chinese right
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('分类,项目')).toBe(true);
    expect(text).toContain(`按商品,${rice.sku},${rice.names.zh}`);

    const xlsx = await fetch(`${t.baseUrl}/api/v1/reports/export?from=${day}&to=${day}&format=xlsx&lang=en`, {
      headers: { authorization: `Bearer ${manager}` },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const products = book.getWorksheet('By product')!;
    expect(products.getRow(1).getCell(1).value).toBe('Item');
    expect(products.getRow(2).getCell(1).value).toBe(rice.sku);
    expect(products.getRow(2).getCell(5).value).toBe(report.breakdowns.product[0].amountFen / 100);
  });
});
