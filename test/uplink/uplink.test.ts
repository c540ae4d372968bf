import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { LaneClient } from '../support/lane-client.ts';
import { removeDir, startTestBox, TEST_ADMIN_PASSWORD, type TestBox } from '../support/test-box.ts';
import { HqBroker, STORE_PASSWORD, STORE_USER } from './hq-broker.ts';
import { HqClient } from './hq-client.ts';

const products = demoProducts().filter((p) => p.unit === 'each' && p.barcodes.length > 0);

let hqBroker: HqBroker;
let hq: HqClient;
let t: TestBox;
let lane: LaneClient;
let token: string;
/** what the lane was told for each sale: the expected figures of the summary come from here */
const sold: Array<{ saleId: string; dueFen: number; tenderedFen: number; changeFen: number }> = [];

async function sell(itemIndex: number): Promise<void> {
  const opened = await lane.send('cart.open');
  expect(opened.ok).toBe(true);
  const scanned = await lane.send('cart.scan', { code: products[itemIndex % products.length].barcodes[0] });
  expect(scanned.ok).toBe(true);
  const due = scanned.data.cart!.totals.dueFen as number;
  const tendered = Math.ceil((due + 1) / 1000) * 1000;
  expect((await lane.send('cart.tenderCash', { amountFen: tendered })).ok).toBe(true);
  const saleId = uuidv7();
  const done = await lane.send('cart.complete', { saleId, expectedDueFen: due });
  expect(done.ok).toBe(true);
  sold.push({ saleId, dueFen: due, tenderedFen: tendered, changeFen: done.data.sale!.changeFen });
}

const lastSeq = () => t.box.ctx.repos.outbox.lastSeq();
const status = async () => (await t.api('/api/v1/uplink/status', { token })).body.data;

beforeAll(async () => {
  hqBroker = await HqBroker.start();
  hq = await HqClient.connect(hqBroker.url);
  t = await startTestBox({
    uplink: {
      enabled: true,
      url: hqBroker.url,
      username: STORE_USER,
      password: STORE_PASSWORD,
      batchRows: 4,
      intervalMs: 20,
      ackTimeoutMs: 400,
      reconnectMinMs: 50,
      reconnectMaxMs: 200,
    },
  });
  token = await t.login('admin', TEST_ADMIN_PASSWORD);
  lane = await LaneClient.login(t.baseUrl, 'L01');
});
afterAll(async () => {
  lane?.close();
  await t?.stop();
  if (t) removeDir(t.dataDir);
  await hq?.close();
  await hqBroker?.remove();
});

describe('outbox → HQ', () => {
  it('delivers the sales completed at a lane once per seq, in order, and records HQ’s ack', async () => {
    for (let i = 0; i < 5; i++) await sell(i);
    const upTo = lastSeq();
    await hq.until(() => hq.contiguous >= upTo, 'HQ to hold every seq');
    const saleRows = [...hq.rows.values()].filter((r) => r.topic === 'sale.completed');
    expect(saleRows.map((r) => (r.payload as { id: string }).id)).toEqual(sold.map((s) => s.saleId));
    // the payload is the fact as stored
    expect(saleRows[0].payload).toMatchObject({ id: sold[0].saleId, dueFen: sold[0].dueFen, storeId: 'S001' });
    const seqs = [...hq.rows.keys()];
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    for (const b of hq.batches) expect(b.rows.length).toBeLessThanOrEqual(4);

    await hq.until(() => t.box.uplink.status().ackedSeq === upTo, 'the box to take the ack');
    const s = await status();
    expect(s).toMatchObject({
      enabled: true,
      connected: true,
      broker: hqBroker.url,
      ackedSeq: upTo,
      lastSeq: upTo,
      backlog: 0,
      lastError: null,
    });
    // the rows and the state are written together, at most ackFlushMs later
    const unacked = () =>
      (t.box.ctx.db.prepare('SELECT count(*) AS n FROM outbox WHERE acked_at IS NULL').get() as { n: number }).n;
    await hq.until(() => unacked() === 0, 'the rows marked acked');
    expect(t.box.ctx.db.prepare('SELECT acked_seq AS seq FROM uplink_state').get()).toEqual({ seq: upTo });
  });

  it('keeps selling while HQ is down, then drains the backlog in order', async () => {
    const before = lastSeq();
    await hqBroker.stop();
    await hq.until(() => !t.box.uplink.status().connected, 'the box to notice HQ is gone');
    for (let i = 0; i < 7; i++) await sell(10 + i);
    const after = lastSeq();
    expect(after).toBeGreaterThan(before);
    const down = await status();
    expect(down).toMatchObject({ connected: false, ackedSeq: before, backlog: after - before });
    // readiness never depends on HQ
    expect((await t.api('/readyz')).status).toBe(200);

    const firstSeen: number[] = [];
    const seen = new Set(hq.rows.keys());
    hq.client.on('message', (topic, payload) => {
      if (!topic.endsWith('/batch')) return;
      for (const r of JSON.parse(payload.toString()).rows as Array<{ seq: number }>)
        if (!seen.has(r.seq)) (seen.add(r.seq), firstSeen.push(r.seq));
    });
    await hqBroker.start();
    await hq.until(() => hq.contiguous >= after, 'the backlog to drain');
    expect(firstSeen).toEqual(Array.from({ length: after - before }, (_, i) => before + 1 + i));
    await hq.until(() => t.box.uplink.status().backlog === 0, 'every row acked');
  });

  it('sends again from the last acked seq when HQ acks only part', async () => {
    const start = lastSeq();
    const holdAt = start + 3;
    let holding = true;
    hq.ackPolicy = (_b, contiguous) => (holding ? Math.min(contiguous, holdAt) : contiguous);
    const at = new Date().toISOString();
    for (let i = 0; i < 10; i++) t.box.ctx.repos.outbox.append('test.fact', { n: i }, at);
    const timeoutsBefore = t.box.uplink.status().ackTimeouts;
    await hq.until(
      () => hq.batches.filter((b) => b.fromSeq === holdAt + 1).length >= 2,
      'the unacked batch to be sent again',
    );
    expect(t.box.uplink.status()).toMatchObject({ ackedSeq: holdAt });
    expect(t.box.uplink.status().ackTimeouts).toBeGreaterThan(timeoutsBefore);
    holding = false;
    await hq.until(() => t.box.uplink.status().ackedSeq === start + 10, 'the rest acked');
    // duplicates arrived; HQ kept each seq once
    const delivered = hq.batches.flatMap((b) => b.rows.map((r) => r.seq)).filter((s) => s > start);
    expect(delivered.length).toBeGreaterThan(10);
    expect([...hq.rows.keys()].filter((s) => s > start)).toEqual(Array.from({ length: 10 }, (_, i) => start + 1 + i));
    expect(
      [...hq.rows.values()].filter((r) => r.topic === 'test.fact').map((r) => (r.payload as { n: number }).n),
    ).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('ignores an ack beyond what it sent and an ack for another store', async () => {
    const acked = t.box.uplink.status().ackedSeq;
    await hq.client.publishAsync('hq/S001/ack', JSON.stringify({ storeId: 'S002', ackSeq: acked + 1000 }), { qos: 1 });
    await hq.client.publishAsync('hq/S001/ack', JSON.stringify({ storeId: 'S001', ackSeq: -1 }), { qos: 1 });
    await hq.client.publishAsync('hq/S001/ack', 'not json', { qos: 1 });
    await hq.client.publishAsync('hq/S001/ack', JSON.stringify({ storeId: 'S001', ackSeq: acked + 1000 }), { qos: 1 });
    const ping = await hq.request('hq/S001/request', { kind: 'ping' });
    expect(ping.payload).toMatchObject({ ok: true, kind: 'ping', data: { pong: true, ackedSeq: acked } });
    expect(t.box.uplink.status().ackedSeq).toBe(acked);
  });
});

describe('HQ requests (MQTT 5 request/response)', () => {
  it('resends from a seq on request, even rows already acked; HQ dedupes', async () => {
    const rowsBefore = hq.rows.size;
    const batchesBefore = hq.batches.length;
    const r = await hq.request('hq/S001/request', { kind: 'resend', fromSeq: 1, requestId: 'r-1' });
    expect(r.payload).toEqual({ ok: true, kind: 'resend', requestId: 'r-1', data: { fromSeq: 1, lastSeq: lastSeq() } });
    await hq.until(
      () => hq.batches.slice(batchesBefore).some((b) => b.toSeq === lastSeq()),
      'the resend to reach the end',
    );
    const again = hq.batches.slice(batchesBefore);
    expect(again[0].fromSeq).toBe(1);
    expect(again.flatMap((b) => b.rows.map((row) => row.seq))).toEqual(
      Array.from({ length: lastSeq() }, (_, i) => i + 1),
    );
    expect(hq.rows.size).toBe(rowsBefore);
  });

  it('answers a summary for a business date with the day’s totals', async () => {
    const day = (
      t.box.ctx.db.prepare('SELECT business_date AS d FROM sale WHERE id = ?').get(sold[0].saleId) as { d: string }
    ).d;
    const r = await hq.request('hq/S001/request', { kind: 'summary', businessDate: day });
    expect(r.payload.ok).toBe(true);
    const summary = r.payload.data;
    const sum = (k: 'dueFen' | 'tenderedFen' | 'changeFen') => sold.reduce((a, s) => a + s[k], 0);
    expect(summary).toMatchObject({
      storeId: 'S001',
      businessDate: day,
      sales: { count: sold.length, dueFen: sum('dueFen'), changeFen: sum('changeFen') },
    });
    expect(summary.tenders).toEqual([{ kind: 'cash', count: sold.length, amountFen: sum('tenderedFen') }]);
    expect(summary.sales.grossFen - summary.sales.discountFen).toBe(summary.sales.dueFen);
    expect(summary.outboxSeq).toBe(lastSeq());
    expect(summary.refunds).toMatchObject({ count: 0, refundFen: 0, tenders: [] });
    expect(summary.points).toEqual({ earned: 0, redeemed: 0 });

    const empty = await hq.request('hq/S001/request', { kind: 'summary', businessDate: '2001-01-01' });
    expect(empty.payload.data).toMatchObject({ sales: { count: 0, grossFen: 0, dueFen: 0 }, tenders: [] });
  });

  it('answers a bad request with an error naming the field, and keeps serving', async () => {
    const notJson = await hq.request('hq/S001/request', '{"kind": "summ');
    expect(notJson.payload).toMatchObject({ ok: false, error: { code: 'UPLINK_MALFORMED_JSON' } });
    const badDate = await hq.request('hq/S001/request', {
      kind: 'summary',
      businessDate: '2024-13-01',
      requestId: 'r-bad',
    });
    expect(badDate.payload).toMatchObject({
      ok: false,
      requestId: 'r-bad',
      error: { code: 'UPLINK_INVALID_MESSAGE', field: 'businessDate' },
    });
    expect(badDate.payload.error.message).toContain('businessDate');
    const badSeq = await hq.request('hq/S001/request', { kind: 'resend', fromSeq: 0 });
    expect(badSeq.payload.error).toMatchObject({ code: 'UPLINK_INVALID_MESSAGE', field: 'fromSeq' });
    const extra = await hq.request('hq/S001/request', { kind: 'ping', drop: 'tables' });
    expect(extra.payload.error.code).toBe('UPLINK_INVALID_MESSAGE');
    const unknown = await hq.request('hq/S001/request', { kind: 'reboot' });
    expect(unknown.payload.error).toMatchObject({
      code: 'UPLINK_UNKNOWN_REQUEST',
      field: 'kind',
      params: { kind: 'reboot' },
    });
    const array = await hq.request('hq/S001/request', [1, 2]);
    expect(array.payload.error.code).toBe('UPLINK_INVALID_MESSAGE');
    expect((await hq.request('hq/S001/request', { kind: 'ping' })).payload.ok).toBe(true);
  });

  it('answers on the default response topic when the request names none', async () => {
    const got = new Promise<any>((resolve) => {
      const onMessage = (topic: string, payload: Buffer) => {
        if (topic !== 'hq/S001/response') return;
        hq.client.off('message', onMessage);
        resolve(JSON.parse(payload.toString()));
      };
      hq.client.on('message', onMessage);
    });
    await hq.client.publishAsync('hq/S001/request', JSON.stringify({ kind: 'ping', requestId: 'plain' }), { qos: 1 });
    expect(await got).toMatchObject({ ok: true, kind: 'ping', requestId: 'plain' });
  });
});

describe('HQ pushes', () => {
  const newProduct = {
    sku: 'HQ-0001',
    names: { zh: '总部新品 茉莉花茶', en: 'HQ jasmine tea' },
    categoryPath: '食品/饮料',
    unit: 'each',
    priceFen: 650,
    taxRateBp: 1300,
    status: 'active',
    barcodes: [],
  };

  it('applies a catalog push once, through the catalog import, and refuses a changed replay', async () => {
    const existing = products[0];
    const repriced = { ...existing, priceFen: existing.priceFen + 100 };
    const push = { pushId: 'cat-1', products: [newProduct, repriced] };
    const r = await hq.request('hq/S001/push/catalog', push);
    expect(r.payload).toEqual({
      ok: true,
      kind: 'catalog',
      pushId: 'cat-1',
      data: { created: 1, updated: 1, unchanged: 0, deactivated: 0, replayed: false },
    });
    expect((await t.api('/api/v1/products/HQ-0001', { token })).body.data).toMatchObject({
      sku: 'HQ-0001',
      priceFen: 650,
    });
    // the lanes' index was reloaded: the repriced product scans at its new price
    const scan = await lane.send('cart.open').then(() => lane.send('cart.scan', { code: existing.barcodes[0] }));
    expect(scan.data.cart!.lines[0].unitPriceFen).toBe(repriced.priceFen);
    await lane.send('cart.void', { supervisor: { username: 'super1', password: 'super1pass' } });

    const replay = await hq.request('hq/S001/push/catalog', push);
    expect(replay.payload.data).toMatchObject({ created: 1, updated: 1, replayed: true });
    const conflict = await hq.request('hq/S001/push/catalog', {
      pushId: 'cat-1',
      products: [{ ...newProduct, priceFen: 700 }],
    });
    expect(conflict.payload).toMatchObject({
      ok: false,
      pushId: 'cat-1',
      error: { code: 'UPLINK_PUSH_CONFLICT', field: 'pushId' },
    });
    expect((await t.api('/api/v1/products/HQ-0001', { token })).body.data.priceFen).toBe(650);
    const audit = t.box.ctx.db
      .prepare("SELECT actor FROM audit_log WHERE action = 'catalog.imported' AND subject = 'hq-push-cat-1.json'")
      .all();
    expect(audit).toEqual([{ actor: 'hq' }]);
  });

  it('refuses a catalog push with a bad product whole, listing the problems', async () => {
    const good = { ...newProduct, sku: 'HQ-0002' };
    const bad = { ...newProduct, sku: 'HQ-0003', priceFen: -5 };
    const noName = { ...newProduct, sku: 'HQ-0004', names: {} };
    const r = await hq.request('hq/S001/push/catalog', { pushId: 'cat-bad', products: [good, bad, noName] });
    expect(r.payload).toMatchObject({
      ok: false,
      kind: 'catalog',
      pushId: 'cat-bad',
      error: { code: 'UPLINK_PUSH_REFUSED', params: { count: 2 } },
    });
    expect(r.payload.problems.map((p: { index: number; field: string }) => [p.index, p.field])).toEqual([
      [1, 'priceFen'],
      [2, 'names.zh'],
    ]);
    expect((await t.api('/api/v1/products/HQ-0002', { token })).status).toBe(404);

    const shapeless = await hq.request('hq/S001/push/catalog', { pushId: 'cat-x', products: 'all of them' });
    expect(shapeless.payload).toMatchObject({
      ok: false,
      pushId: 'cat-x',
      error: { code: 'UPLINK_INVALID_MESSAGE', field: 'products' },
    });
    // a refused push id can be used again once fixed
    const fixed = await hq.request('hq/S001/push/catalog', { pushId: 'cat-bad', products: [good] });
    expect(fixed.payload).toMatchObject({ ok: true, data: { created: 1, replayed: false } });
  });

  it('applies a promotions push and refuses one that does not validate, changing nothing', async () => {
    const promo = {
      id: 'hq-tea-10',
      name: { zh: '总部茶饮9折', en: 'HQ tea 10% off' },
      priority: 5,
      conditions: { skus: { include: ['HQ-0001'] } },
      effect: { kind: 'itemPercentOff', offBp: 1000 },
    };
    const r = await hq.request('hq/S001/push/promotions', {
      pushId: 'promo-1',
      promotions: [promo],
      deactivate: ['evening-double-points'],
    });
    expect(r.payload).toMatchObject({
      ok: true,
      kind: 'promotions',
      data: { created: 1, updated: 0, deactivated: 1, replayed: false },
    });
    expect(t.box.ctx.repos.promotions.get('hq-tea-10')?.active).toBe(true);
    expect(t.box.ctx.repos.promotions.get('evening-double-points')?.active).toBe(false);
    expect(t.box.pricing.promotionNames().has('hq-tea-10')).toBe(true);

    const broken = { ...promo, id: 'hq-broken', effect: { kind: 'itemPercentOff', offBp: 20_000 } };
    const refusedPush = await hq.request('hq/S001/push/promotions', {
      pushId: 'promo-2',
      promotions: [{ ...promo, priority: 6 }, broken],
      deactivate: ['no-such-promo'],
    });
    expect(refusedPush.payload).toMatchObject({ ok: false, error: { code: 'UPLINK_PUSH_REFUSED' } });
    expect(refusedPush.payload.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ index: 1 }),
        expect.objectContaining({ field: 'deactivate.0', code: 'PROMOTION_NOT_FOUND' }),
      ]),
    );
    expect(t.box.ctx.repos.promotions.get('hq-broken')).toBeUndefined();
    expect((t.box.ctx.repos.promotions.get('hq-tea-10')?.definition as { priority: number }).priority).toBe(5);
  });
});

describe('observability', () => {
  it('exposes uplink gauges on /metrics and keeps the status for managers only', async () => {
    const metrics = await t.api('/metrics', { token });
    expect(metrics.body).toMatch(/storebox_uplink_connected 1/);
    expect(metrics.body).toMatch(new RegExp(`storebox_uplink_last_seq ${lastSeq()}`));
    const cashier = await t.login('cashier1', 'cashier1pass');
    expect((await t.api('/api/v1/uplink/status', { token: cashier })).status).toBe(403);
  });
});
