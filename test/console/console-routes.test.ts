import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { LaneClient } from '../support/lane-client.ts';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { removeDir, startTestBox, type TestBox } from '../support/test-box.ts';
import { ensureConsoleBuilt } from './console-build.ts';

/** console.routes.ts over real HTTP: static files from console/dist, redirects, headers, auth of the sales figures. */

let tb: TestBox;
beforeAll(async () => {
  await ensureConsoleBuilt();
  tb = await startTestBox();
});
afterAll(async () => {
  await tb?.stop();
  if (tb) removeDir(tb.dataDir);
});

const get = (path: string, init: RequestInit = {}) => fetch(tb.baseUrl + path, { redirect: 'manual', ...init });

describe('static console files', () => {
  it('redirects / to the console and /lane, /display to their pages keeping the query', async () => {
    expect((await get('/')).headers.get('location')).toBe('/console/');
    expect((await get('/lane?lane=L02')).headers.get('location')).toBe('/console/lane.html?lane=L02');
    expect((await get('/display?lane=L03')).headers.get('location')).toBe('/console/display.html?lane=L03');
  });

  it('serves the pages without a login, revalidated, with a strict content policy', async () => {
    for (const path of ['/console/', '/console/index.html', '/console/lane.html', '/console/display.html']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await res.text()).toContain('<script type="module"');
    }
  });

  it('serves every built asset with its type, cached for good (the name carries the content hash)', async () => {
    const assets = readdirSync(new URL('../../console/dist/assets/', import.meta.url));
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const name of assets) {
      const res = await get(`/console/assets/${name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type')).toBe(
        name.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8',
      );
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('answers 404 for a missing file and never leaves console/dist', async () => {
    expect((await get('/console/nope.html')).status).toBe(404);
    expect((await get('/console/%2e%2e/%2e%2e/package.json')).status).toBe(404);
    expect((await get('/console/..%2f..%2fpackage.json')).status).toBe(404);
  });
});

describe('GET /api/v1/sales/day', () => {
  it('needs a manager', async () => {
    expect((await tb.api('/api/v1/sales/day')).status).toBe(401);
    const cashier = await tb.login('cashier1', 'cashier1pass');
    const r = await tb.api('/api/v1/sales/day', { token: cashier });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('AUTH_FORBIDDEN');
  });

  it("adds up the day's sales per lane and tender and lists the latest first", async () => {
    const products = demoProducts().filter((p) => p.unit === 'each');
    const sell = async (laneId: string, items: number[], cashFen: (due: number) => number) => {
      const lane = await LaneClient.login(tb.baseUrl, laneId);
      let due = 0;
      for (const i of items)
        due = (await lane.send('cart.scan', { code: products[i].barcodes[0] })).data.cart!.totals.dueFen;
      await lane.send('cart.tenderCash', { amountFen: cashFen(due) });
      const done = await lane.send('cart.complete', { saleId: uuidv7(), expectedDueFen: due });
      lane.close();
      expect(done.ok).toBe(true);
      return { due, receiptNo: done.data.sale!.receiptNo as string };
    };
    const a = await sell('L01', [0, 1], (d) => d);
    const b = await sell('L02', [2], (d) => d + 1000);
    const manager = await tb.login('manager1', 'manager1pass');
    const r = await tb.api('/api/v1/sales/day', { token: manager });
    expect(r.status).toBe(200);
    const day = r.body.data;
    expect(day.businessDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(day.totals).toMatchObject({ count: 2, dueFen: a.due + b.due, refundCount: 0, refundFen: 0 });
    expect(day.lanes).toEqual([
      { laneId: 'L01', count: 1, dueFen: a.due, refundFen: 0, netFen: a.due },
      { laneId: 'L02', count: 1, dueFen: b.due, refundFen: 0, netFen: b.due },
    ]);
    // ¥10 of change went back to the customer on L02: the drawer kept what was due, not what was handed over
    expect(day.tenders).toEqual([
      { kind: 'cash', count: 2, amountFen: a.due + b.due, refundFen: 0, netFen: a.due + b.due },
    ]);
    expect(day.sales.map((s: { receiptNo: string }) => s.receiptNo).sort()).toEqual([a.receiptNo, b.receiptNo].sort());
    expect(day.sales[0]).toMatchObject({ tenders: 'cash', member: false });
    expect(day.refunds).toEqual([]);
  });

  it("shows the day's refunds: counted, by lane and tender, listed, and taken off the net takings", async () => {
    const manager = await tb.login('manager1', 'manager1pass');
    const before = (await tb.api('/api/v1/sales/day', { token: manager })).body.data;
    const product = demoProducts().filter((p) => p.unit === 'each')[3];
    const lane = await LaneClient.login(tb.baseUrl, 'L01');
    const due = (await lane.send('cart.scan', { code: product.barcodes[0], quantity: 2 })).data.cart!.totals.dueFen;
    await lane.send('cart.tenderCash', { amountFen: due + 500 });
    const sold = await lane.send('cart.complete', { saleId: uuidv7(), expectedDueFen: due });
    lane.close();
    expect(sold.ok).toBe(true);
    // the refund is made at lane L02: the cash leaves that drawer
    const cashier = (
      await tb.api('/api/v1/auth/login', { body: { username: 'cashier1', password: 'cashier1pass', laneId: 'L02' } })
    ).body.data.token;
    const refund = await tb.api('/api/v1/returns', {
      token: cashier,
      body: {
        refundId: uuidv7().replaceAll('-', ''),
        saleId: sold.data.sale!.saleId,
        lines: [{ lineNo: 1, quantity: 1 }],
        supervisor: { username: 'super1', password: 'super1pass' },
      },
    });
    expect(refund.status).toBe(201);
    const back = refund.body.data.refundFen as number;
    expect(back).toBeGreaterThan(0);

    const day = (await tb.api('/api/v1/sales/day', { token: manager })).body.data;
    expect(day.totals).toMatchObject({
      count: before.totals.count + 1,
      dueFen: before.totals.dueFen + due,
      refundCount: 1,
      refundFen: back,
      netFen: before.totals.dueFen + due - back,
    });
    const cash = day.tenders.find((t: { kind: string }) => t.kind === 'cash');
    const cashBefore = before.tenders.find((t: { kind: string }) => t.kind === 'cash');
    expect(cash).toEqual({
      kind: 'cash',
      count: cashBefore.count + 1,
      amountFen: cashBefore.amountFen + due,
      refundFen: back,
      netFen: cashBefore.amountFen + due - back,
    });
    const l02 = before.lanes.find((l: { laneId: string }) => l.laneId === 'L02');
    expect(day.lanes.find((l: { laneId: string }) => l.laneId === 'L02')).toEqual({
      ...l02,
      refundFen: back,
      netFen: l02.dueFen - back,
    });
    expect(day.refunds).toEqual([
      expect.objectContaining({ id: refund.body.data.id, refundFen: back, cashier: 'cashier1', supervisor: 'super1' }),
    ]);
  });

  it('answers an empty day and refuses a date that is not one', async () => {
    const manager = await tb.login('manager1', 'manager1pass');
    const other = await tb.api('/api/v1/sales/day?date=2001-01-01', { token: manager });
    expect(other.body.data).toMatchObject({
      businessDate: '2001-01-01',
      totals: { count: 0, dueFen: 0, refundCount: 0, refundFen: 0, netFen: 0 },
      sales: [],
      refunds: [],
    });
    const bad = await tb.api('/api/v1/sales/day?date=yesterday', { token: manager });
    expect(bad.status).toBe(400);
  });
});
