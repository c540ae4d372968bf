import { v7 as uuidv7 } from 'uuid';
import WebSocket from 'ws';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { LaneClient } from '../support/lane-client.ts';
import { expectNoRowsChanged } from '../support/no-rows-changed.ts';
import { useTestBox } from '../support/test-box.ts';

const products = demoProducts();
const pick = (zh: string) => products.find((p) => p.names.zh === zh)!;
const cola = pick('可口可乐 330ml');
const pepsi = pick('百事可乐 330ml');
const rice = pick('金龙鱼东北大米 5kg');
const apples = pick('富士苹果');

const t = useTestBox();
let manager: string;
let supervisor: string;
let cashier: string;
beforeAll(async () => {
  manager = await t.login('manager1', 'manager1pass');
  supervisor = await t.login('super1', 'super1pass');
  cashier = await t.login('cashier1', 'cashier1pass');
});

async function sell(lines: Array<{ code: string; quantity?: number; weightGrams?: number }>) {
  const lane = await LaneClient.login(t.baseUrl, 'L01');
  await lane.send('cart.open');
  for (const l of lines) expect((await lane.send('cart.scan', l)).ok).toBe(true);
  const tendered = await lane.send('cart.tenderCash', { amountFen: 1_000_000 });
  const done = await lane.send('cart.complete', {
    saleId: uuidv7(),
    expectedDueFen: tendered.data.cart!.totals.dueFen,
  });
  expect(done.ok).toBe(true);
  lane.close();
}
const onHand = async (sku: string) =>
  (await t.api(`/api/v1/stock/${sku}`, { token: cashier })).body.data.onHand as number;

describe('receiving refuses bad lines naming the field, and posts nothing of a refused receipt', () => {
  it.each([
    ['an unknown product', { sku: 'NO-SUCH-SKU', quantity: 1 }, 'INVENTORY_UNKNOWN_PRODUCT', 'lines.1.sku'],
    ['an unknown barcode', { barcode: '6900000000000', quantity: 1 }, 'INVENTORY_UNKNOWN_PRODUCT', 'lines.1.barcode'],
    ['a negative count', { sku: cola.sku, quantity: -3 }, 'INVENTORY_QUANTITY_INVALID', 'lines.1.quantity'],
    ['a zero count', { sku: cola.sku, quantity: 0 }, 'INVENTORY_QUANTITY_INVALID', 'lines.1.quantity'],
    [
      'a fractional count of a counted product',
      { sku: cola.sku, quantity: 1.5 },
      'INVENTORY_QUANTITY_INVALID',
      'lines.1.quantity',
    ],
    [
      'fractional grams of a weighed product',
      { sku: apples.sku, quantity: 250.5 },
      'INVENTORY_QUANTITY_INVALID',
      'lines.1.quantity',
    ],
  ])('refuses %s', async (_what, line, code, field) => {
    const res = await expectNoRowsChanged(t.box.ctx.db, () =>
      t.api('/api/v1/receivings', {
        token: supervisor,
        body: { lines: [{ sku: rice.sku, quantity: 10 }, line] },
      }),
    );
    expect(res.body).toMatchObject({ ok: false, error: { code, field } });
    expect(res.body.error.message.length).toBeGreaterThan(0);
  });

  it('refuses a retired product, and nothing of the good first line is posted', async () => {
    const before = await onHand(rice.sku);
    t.box.ctx.repos.products.setStatus(pepsi.sku, 'inactive', new Date().toISOString());
    const res = await expectNoRowsChanged(t.box.ctx.db, () =>
      t.api('/api/v1/receivings', {
        token: supervisor,
        body: {
          lines: [
            { sku: rice.sku, quantity: 10 },
            { sku: pepsi.sku, quantity: 2 },
          ],
        },
      }),
    );
    expect(res.body.error).toMatchObject({ code: 'INVENTORY_PRODUCT_RETIRED', field: 'lines.1.sku' });
    expect(await onHand(rice.sku)).toBe(before);
    t.box.ctx.repos.products.setStatus(pepsi.sku, 'active', new Date().toISOString());
  });

  it('answers a retried receipt with the first one, posting its stock once; a receipt without a key is refused', async () => {
    const before = await onHand(rice.sku);
    const body = { lines: [{ sku: rice.sku, quantity: 4 }] };
    const first = await t.api('/api/v1/receivings', { token: supervisor, body, idempotencyKey: 'rcv-retry-1' });
    const retry = await t.api('/api/v1/receivings', { token: supervisor, body, idempotencyKey: 'rcv-retry-1' });
    expect(retry.body.data.id).toBe(first.body.data.id);
    expect(await onHand(rice.sku)).toBe(before + 4);
    const keyless = await t.api('/api/v1/receivings', { token: supervisor, body, idempotencyKey: null });
    expect(keyless.body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    expect(await onHand(rice.sku)).toBe(before + 4);
  });

  it('receives without an order by scanning barcodes and weighed goods in grams, with cost', async () => {
    const before = { cola: await onHand(cola.sku), apples: await onHand(apples.sku) };
    const res = await t.api('/api/v1/receivings', {
      token: supervisor,
      body: {
        lines: [
          { barcode: cola.barcodes[0], quantity: 24, unitCostFen: 180 },
          { sku: apples.sku, quantity: 12_500, unitCostFen: 6 },
        ],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.data.lines).toMatchObject([
      { sku: cola.sku, quantity: 24, unitCostFen: 180, onHand: before.cola + 24 },
      { sku: apples.sku, quantity: 12_500, onHand: before.apples + 12_500 },
    ]);
    const detail = await t.api(`/api/v1/stock/${cola.sku}`, { token: cashier });
    expect(detail.body.data.movements[0]).toMatchObject({
      kind: 'receiving',
      delta: 24,
      unitCostFen: 180,
      ref: res.body.data.id,
    });
  });
});

describe('suppliers and purchase orders', () => {
  it('goes draft → sent → partly received → received → closed, showing under- and over-delivery', async () => {
    const sup = await t.api('/api/v1/suppliers', {
      token: manager,
      body: {
        name: '华润饮料批发',
        contact: '张经理',
        leadTimeDays: 3,
        minOrderFen: 50_000,
        packSize: 24,
        orderWeekdays: [1, 4],
      },
    });
    expect(sup.status).toBe(201);
    const supplierId = sup.body.data.id;
    const terms = await t.api(`/api/v1/suppliers/${supplierId}/products/${cola.sku}`, {
      method: 'PUT',
      token: manager,
      body: { costFen: 175, preferred: true },
    });
    expect(terms.body.data).toEqual([{ supplierId, sku: cola.sku, costFen: 175, packSize: null, preferred: true }]);

    const po = await t.api('/api/v1/purchase-orders', {
      token: manager,
      body: {
        supplierId,
        lines: [
          { sku: cola.sku, quantity: 48 },
          { sku: rice.sku, quantity: 10, unitCostFen: 3900 },
        ],
      },
    });
    expect(po.body.data).toMatchObject({ status: 'draft', lines: [{ unitCostFen: 175 }, { unitCostFen: 3900 }] });
    const poId = po.body.data.id;
    // a draft has not been sent: nothing can be received against it yet
    const early = await t.api('/api/v1/receivings', {
      token: supervisor,
      body: { poId, lines: [{ sku: cola.sku, quantity: 1 }] },
    });
    expect(early.body.error).toMatchObject({ code: 'PURCHASE_ORDER_STATUS', field: 'poId' });
    const sent = await t.api(`/api/v1/purchase-orders/${poId}/send`, { method: 'POST', token: manager });
    expect(sent.body).toMatchObject({ ok: true, data: { status: 'sent' } });

    const first = await t.api('/api/v1/receivings', {
      token: supervisor,
      body: { poId, lines: [{ barcode: cola.barcodes[0], quantity: 24 }] },
    });
    expect(first.body.data.lines[0]).toMatchObject({ unitCostFen: 175 });
    expect(first.body.data.purchaseOrder).toMatchObject({
      status: 'partly_received',
      lines: [
        { sku: cola.sku, ordered: 48, received: 24, outstanding: 24, delivery: 'under' },
        { sku: rice.sku, ordered: 10, received: 0, delivery: 'under' },
      ],
    });
    const second = await t.api('/api/v1/receivings', {
      token: supervisor,
      body: {
        poId,
        lines: [
          { sku: cola.sku, quantity: 30 },
          { sku: rice.sku, quantity: 10 },
        ],
      },
    });
    expect(second.body.data.purchaseOrder).toMatchObject({
      status: 'received',
      lines: [
        { sku: cola.sku, received: 54, outstanding: -6, delivery: 'over' },
        { sku: rice.sku, received: 10, outstanding: 0, delivery: 'exact' },
      ],
    });
    const closed = await t.api(`/api/v1/purchase-orders/${poId}/close`, { method: 'POST', token: manager });
    expect(closed.body.data.status).toBe('closed');
    const listed = await t.api('/api/v1/purchase-orders?status=closed', { token: supervisor });
    expect(listed.body.data.map((o: any) => o.id)).toEqual([poId]);
    const again = await t.api(`/api/v1/purchase-orders/${poId}/close`, { method: 'POST', token: manager });
    expect(again.body.error.code).toBe('PURCHASE_ORDER_STATUS');
  });

  it('refuses a purchase order for a retired product, naming the line', async () => {
    const sup = await t.api('/api/v1/suppliers', {
      token: manager,
      body: { name: '统一食品', leadTimeDays: 2, orderWeekdays: [2] },
    });
    t.box.ctx.repos.products.setStatus(pepsi.sku, 'inactive', new Date().toISOString());
    const res = await expectNoRowsChanged(t.box.ctx.db, () =>
      t.api('/api/v1/purchase-orders', {
        token: manager,
        body: {
          supplierId: sup.body.data.id,
          lines: [
            { sku: cola.sku, quantity: 5 },
            { sku: pepsi.sku, quantity: 5 },
          ],
        },
      }),
    );
    expect(res.body.error).toMatchObject({ code: 'INVENTORY_PRODUCT_RETIRED', field: 'lines.1.sku' });
    t.box.ctx.repos.products.setStatus(pepsi.sku, 'active', new Date().toISOString());
  });
});

describe('a stocktake', () => {
  it('posts the right variance when a sale happens during counting, needs a supervisor, and posts once', async () => {
    await t.api('/api/v1/receivings', { token: supervisor, body: { lines: [{ sku: pepsi.sku, quantity: 20 }] } });
    const atStart = await onHand(pepsi.sku);
    const sheet = await t.api('/api/v1/stocktakes', {
      token: supervisor,
      body: { categoryPrefix: pepsi.categoryPath },
    });
    expect(sheet.status).toBe(201);
    const id = sheet.body.data.id;
    expect(sheet.body.data.lines.find((l: any) => l.sku === pepsi.sku)).toMatchObject({
      snapshotOnHand: atStart,
      counted: null,
    });
    // the same category cannot have a second sheet while this one is counted
    const second = await t.api('/api/v1/stocktakes', {
      token: supervisor,
      body: { categoryPrefix: pepsi.categoryPath },
    });
    expect(second.body.error).toMatchObject({ code: 'STOCKTAKE_SHEET_OPEN', field: 'categoryPrefix' });

    // two people count the same sheet by scanning: one scan, then a box of the rest; 2 are missing
    await t.api(`/api/v1/stocktakes/${id}/counts`, { token: cashier, body: { barcode: pepsi.barcodes[0] } });
    const counted = await t.api(`/api/v1/stocktakes/${id}/counts`, {
      token: supervisor,
      body: { barcode: pepsi.barcodes[0], quantity: atStart - 3 },
    });
    expect(counted.body.data).toMatchObject({ counted: atStart - 2, variance: -2 });
    // a sale after counting started: its own movement, not part of the variance
    await sell([{ code: pepsi.barcodes[0]!, quantity: 3 }]);
    expect(await onHand(pepsi.sku)).toBe(atStart - 3);
    const notOnSheet = await t.api(`/api/v1/stocktakes/${id}/counts`, { token: cashier, body: { sku: rice.sku } });
    expect(notOnSheet.body.error).toMatchObject({ code: 'STOCKTAKE_NOT_ON_SHEET', field: 'line.sku' });

    // any variance needs a supervisor by default (stocktakeApproval absent = 0)
    const byCashier = await expectNoRowsChanged(t.box.ctx.db, () =>
      t.api(`/api/v1/stocktakes/${id}/post`, { token: cashier, body: { reason: '月度盘点' } }),
    );
    expect(byCashier.body.error.code).toBe('STOCKTAKE_APPROVAL_REQUIRED');
    const posted = await t.api(`/api/v1/stocktakes/${id}/post`, { token: supervisor, body: { reason: '月度盘点' } });
    expect(posted.body.data).toMatchObject({ status: 'posted', approvedBy: 'super1', reason: '月度盘点' });
    // counted atStart−2 before the sale of 3: on hand is atStart − 2 − 3
    expect(await onHand(pepsi.sku)).toBe(atStart - 5);
    const movements = (await t.api(`/api/v1/stock/${pepsi.sku}`, { token: cashier })).body.data.movements;
    expect(movements[0]).toMatchObject({ kind: 'stocktake', delta: -2, ref: id, reason: '月度盘点' });

    const twice = await expectNoRowsChanged(t.box.ctx.db, () =>
      t.api(`/api/v1/stocktakes/${id}/post`, { token: supervisor, body: { reason: '月度盘点' } }),
    );
    expect(twice.body.error).toMatchObject({ code: 'STOCKTAKE_ALREADY_POSTED', field: 'id' });
    expect(await onHand(pepsi.sku)).toBe(atStart - 5);
  });
});

describe('stock alerts', () => {
  it('announces a product going below its minimum and going negative, and lists them with the slow movers', async () => {
    const seen: Array<{ sku: string; kind: string; onHand: number }> = [];
    const off = t.box.ctx.bus.on('stock.alert', (a) => seen.push(a));
    // a supervisor's console sees them live on /ws/events
    const live: Array<{ topic: string; payload: { sku: string; kind: string } }> = [];
    const events = new WebSocket(`${t.baseUrl.replace('http', 'ws')}/ws/events?token=${supervisor}`);
    events.on('message', (m) => live.push(JSON.parse(String(m))));
    await new Promise((resolve, reject) => events.once('open', resolve).once('error', reject));
    const water = pick('农夫山泉 550ml');
    const sprite = pick('雪碧 500ml');
    await t.api('/api/v1/receivings', {
      token: supervisor,
      body: {
        lines: [
          { sku: water.sku, quantity: 5 },
          { sku: sprite.sku, quantity: 12 },
        ],
      },
    });
    const min = await t.api(`/api/v1/stock/${water.sku}/minimum`, {
      method: 'PUT',
      token: manager,
      body: { minOnHand: 4 },
    });
    expect(min.body.data).toMatchObject({ onHand: 5, minOnHand: 4, low: false });
    await sell([{ code: water.barcodes[0]!, quantity: 2 }]);
    await expect
      .poll(() => seen.filter((a) => a.sku === water.sku))
      .toEqual([{ sku: water.sku, kind: 'low', onHand: 3, minOnHand: 4 }]);
    // selling is never blocked: 4 more takes it to −1
    await sell([{ code: water.barcodes[0]!, quantity: 4 }]);
    await expect.poll(() => seen.filter((a) => a.sku === water.sku).map((a) => a.kind)).toEqual(['low', 'negative']);
    off();
    await expect
      .poll(() =>
        live.filter((e) => e.topic === 'stock.alert' && e.payload.sku === water.sku).map((e) => e.payload.kind),
      )
      .toEqual(['low', 'negative']);
    events.close();
    const alerts = (await t.api('/api/v1/stock/alerts', { token: supervisor })).body.data;
    expect(alerts.negative.map((r: any) => r.sku)).toContain(water.sku);
    expect(alerts.low.find((r: any) => r.sku === water.sku)).toMatchObject({ onHand: -1, negative: true, low: true });
    // the received Sprite was never sold: a slow mover (no sale in the last 30 days); the water just sold is not
    expect(alerts.slowMoverDays).toBe(30);
    expect(alerts.slow.map((r: any) => r.sku)).toContain(sprite.sku);
    expect(alerts.slow.map((r: any) => r.sku)).not.toContain(water.sku);
  });
});
