import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { LaneClient } from '../support/lane-client.ts';
import { useTestBox } from '../support/test-box.ts';

const products = demoProducts();
const bySku = (sku: string) => products.find((p) => p.sku === sku)!;
const cola = products.find((p) => p.names.zh === '可口可乐 330ml')!; // ¥3.00, drinks: 第二件半价
const rice = products.find((p) => p.names.zh === '金龙鱼东北大米 5kg')!; // ¥49.90
const oil = products.find((p) => p.names.zh === '鲁花花生油 5L')!; // ¥159.90
const apples = products.find((p) => p.names.zh === '富士苹果')!; // ¥12.90/kg

const t = useTestBox();

describe('a lane sells over its WebSocket', () => {
  it('prices each scan, explains 满200减30, completes once and never twice', async () => {
    const lane = await LaneClient.login(t.baseUrl, 'L01');
    const opened = await lane.send('cart.open');
    expect(opened.ok).toBe(true);
    expect(opened.transaction).toBe('t1');
    expect(opened.data.cart!.lines).toEqual([]);

    let r = await lane.send('cart.scan', { code: oil.barcodes[0] });
    expect(r.data.cart!.totals.dueFen).toBe(15990);
    r = await lane.send('cart.scan', { code: rice.barcodes[0] });
    expect(r.data.cart!.lines).toHaveLength(2);
    // 159.90 + 49.90 = 209.80 ≥ 200 → 满200减30, allocated 30.00 over the two lines by net
    expect(r.data.cart!.totals).toMatchObject({ grossFen: 20980, discountFen: 3000, dueFen: 17980 });
    const shares = r.data.cart!.lines.map(
      (l: any) => l.discounts.find((d: any) => d.source.promotionId === 'spend-200-save-30')?.amountFen,
    );
    expect(shares[0] + shares[1]).toBe(3000);
    expect(shares).toEqual([2286, 714]); // 2286.46 / 713.54: the odd fen goes to the larger remainder
    expect(r.data.cart!.promotions.map((p: any) => p.text.zh)).toContain('满200减30：-¥30.00');

    // weighed goods: weight comes with the scan
    r = await lane.send('cart.scan', { code: apples.plu!, weightGrams: 1250 });
    const appleLine = r.data.cart!.lines[2];
    expect(appleLine).toMatchObject({ unit: 'kg', quantity: 1250, grossFen: 1613 }); // 12.90 × 1.25 = 16.125 → 16.13
    const due = r.data.cart!.totals.dueFen;

    r = await lane.send('cart.tenderCash', { amountFen: 20_000 });
    expect(r.data.cart!.remainingFen).toBe(0);
    expect(r.data.cart!.changeFen).toBe(20_000 - due);
    const saleId = uuidv7();
    const done = await lane.send('cart.complete', { saleId, expectedDueFen: due });
    expect(done.ok).toBe(true);
    expect(done.data.sale).toMatchObject({ saleId, dueFen: due, changeFen: 20_000 - due, replayed: false });
    expect(done.data.sale!.receiptNo).toBe('S001-L01-00000001');
    expect(done.data.cart!.lines).toEqual([]);

    // the reply was lost; the lane retries the same sale id: the first result, nothing written twice
    const retry = await lane.send('cart.complete', { saleId, expectedDueFen: due });
    expect(retry.ok).toBe(true);
    expect(retry.data.sale).toMatchObject({ saleId, receiptNo: 'S001-L01-00000001', replayed: true });
    // same id, different content: refused
    const conflict = await lane.send('cart.complete', { saleId, expectedDueFen: due + 1 });
    expect(conflict.error?.code).toBe('IDEMPOTENCY_CONFLICT');
    lane.close();

    const db = new Database(join(t.dataDir, 'storebox.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM sale WHERE id = ?').get(saleId)).toEqual({ n: 1 });
    const lines = db
      .prepare('SELECT gross_fen, discount_fen, net_fen FROM sale_line WHERE sale_id = ? ORDER BY line_no')
      .all(saleId) as Array<{ gross_fen: number; discount_fen: number; net_fen: number }>;
    expect(lines.reduce((s, l) => s + l.net_fen, 0)).toBe(due);
    const shareSum = db
      .prepare(
        "SELECT sum(amount_fen) AS s FROM sale_line_discount WHERE sale_id = ? AND source_id = 'spend-200-save-30'",
      )
      .get(saleId) as { s: number };
    expect(shareSum.s).toBe(3000);
    expect(db.prepare("SELECT count(*) AS n FROM outbox WHERE topic = 'sale.completed'").get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT sum(delta) AS d FROM stock_ledger WHERE ref = ?').get(saleId)).toEqual({
      d: -(1 + 1 + 1250),
    });
    db.close();
  });

  it('answers bad input with a code and leaves the cart unchanged', async () => {
    const lane = await LaneClient.login(t.baseUrl, 'L02', 'cashier2', 'cashier2pass');
    await lane.send('cart.open');
    await lane.send('cart.scan', { code: cola.barcodes[0] });
    const badDigit = await lane.send('cart.scan', {
      code: cola.barcodes[0].slice(0, 12) + String((Number(cola.barcodes[0][12]) + 1) % 10),
    });
    expect(badDigit.error?.code).toBe('CATALOG_BAD_CHECK_DIGIT');
    expect(badDigit.data.cart!.lines).toHaveLength(1);
    expect((await lane.send('cart.scan', { code: '6900000000000'.slice(0, 12) + '7' })).error?.code).toMatch(
      /CATALOG_(UNKNOWN_BARCODE|BAD_CHECK_DIGIT)/,
    );
    expect((await lane.send('cart.scan', { code: apples.plu! })).error?.code).toBe('CATALOG_WEIGHT_REQUIRED');
    expect((await lane.send('cart.scan', { code: cola.barcodes[0], weightGrams: 300 })).error?.code).toBe(
      'CATALOG_NOT_WEIGHED',
    );
    const absurd = await lane.send('cart.scan', { code: cola.barcodes[0], quantity: 1_000_000 });
    expect(absurd.error).toMatchObject({ code: 'LANE_BAD_MESSAGE', field: 'payload.quantity' });
    expect((await lane.send('cart.setQuantity', { lineId: 'nope', quantity: 2 })).error?.code).toBe(
      'CART_LINE_NOT_FOUND',
    );
    expect((await lane.sendUnchecked('cart.fly', {})).error?.code).toBe('LANE_UNKNOWN_TOPIC');
    const notJson = await lane.sendRaw('{oops');
    expect(notJson.error?.code).toBe('LANE_BAD_MESSAGE');
    const extra = await lane.sendUnchecked('cart.scan', { code: cola.barcodes[0], price: 1 });
    expect(extra.error).toMatchObject({ code: 'LANE_BAD_MESSAGE', field: 'payload.price' });
    const after = await lane.send('cart.open');
    expect(after.data.cart!.lines).toHaveLength(1);
    expect(after.data.cart!.lines[0].quantity).toBe(1);
    // second scan of the same product adds to its line; 第二件半价 then applies
    const second = await lane.send('cart.scan', { code: cola.barcodes[0] });
    expect(second.data.cart!.lines[0]).toMatchObject({ quantity: 2, grossFen: 600, netFen: 450 });
    const underpaid = await lane.send('cart.complete', { saleId: uuidv7(), expectedDueFen: 450 });
    expect(underpaid.error?.code).toBe('SALE_UNDERPAID');
    const wrongDue = await lane.send('cart.complete', { saleId: uuidv7(), expectedDueFen: 999 });
    expect(wrongDue.error?.code).toBe('SALE_DUE_MISMATCH');
    lane.close();
  });

  it('needs a supervisor to void after total, void a cart or override a price, and audits it', async () => {
    const lane = await LaneClient.login(t.baseUrl, 'L03');
    await lane.send('cart.open');
    const scanned = await lane.send('cart.scan', { code: rice.barcodes[0] });
    const lineId = scanned.data.cart!.lines[0].lineId;
    await lane.send('cart.total');
    expect((await lane.send('cart.removeLine', { lineId })).error?.code).toBe('LANE_SUPERVISOR_REQUIRED');
    expect(
      (await lane.send('cart.removeLine', { lineId, supervisor: { username: 'cashier1', password: 'cashier1pass' } }))
        .error?.code,
    ).toBe('LANE_SUPERVISOR_REQUIRED');
    const override = await lane.send('cart.overridePrice', {
      lineId,
      unitPriceFen: 3990,
      reason: '包装破损',
      supervisor: { username: 'super1', password: 'super1pass' },
    });
    expect(override.ok).toBe(true);
    expect(override.data.cart!.lines[0]).toMatchObject({ unitPriceFen: 3990, priceOverridden: true, grossFen: 3990 });
    const removed = await lane.send('cart.removeLine', {
      lineId,
      supervisor: { username: 'super1', password: 'super1pass' },
    });
    expect(removed.ok).toBe(true);
    expect(removed.data.cart!.lines).toEqual([]);
    await lane.send('cart.scan', { code: cola.barcodes[0] });
    const voided = await lane.send('cart.void', { supervisor: { username: 'manager1', password: 'manager1pass' } });
    expect(voided.data.cart!.lines).toEqual([]);
    lane.close();
    const admin = await t.login('admin', 'admin-test-pass');
    const audit = await t.api('/api/v1/audit?limit=20', { token: admin });
    const actions = audit.body.data.map((a: any) => `${a.action}:${a.actor}`);
    expect(actions).toEqual(
      expect.arrayContaining(['cart.price_overridden:super1', 'cart.line_voided:super1', 'cart.voided:manager1']),
    );
  });

  it('parks and resumes a cart across lanes of the same lane id', async () => {
    const lane = await LaneClient.login(t.baseUrl, 'L03', 'cashier2', 'cashier2pass');
    await lane.send('cart.open');
    await lane.send('cart.scan', { code: oil.barcodes[0] });
    const parked = await lane.send('cart.park');
    expect(parked.data.parkedId).toBeTruthy();
    expect(parked.data.cart!.lines).toEqual([]);
    const list = await lane.send('cart.listParked');
    expect(list.data.parked!.map((p: any) => p.id)).toContain(parked.data.parkedId);
    const resumed = await lane.send('cart.resume', { parkedId: parked.data.parkedId! });
    expect(resumed.data.cart!.lines[0].sku).toBe(oil.sku);
    expect((await lane.send('cart.resume', { parkedId: parked.data.parkedId! })).error?.code).toBe('CART_NOT_EMPTY');
    lane.close();
  });

  it('refuses a socket without a lane token', async () => {
    const manager = await t.login('manager1', 'manager1pass'); // a session without a lane
    const lane = await LaneClient.connect(t.baseUrl, manager);
    const first = await new Promise<any>((resolve) => setTimeout(() => resolve(lane.events[0]), 200));
    expect(first?.error?.code).toBe('LANE_TOKEN_REQUIRED');
  });
});

describe('many lanes at once', () => {
  it('sells on three lanes concurrently with retries; every sale persisted exactly once, receipts gapless per lane', async () => {
    const lanes = await Promise.all(
      ['L01', 'L02', 'L03'].map((id, i) =>
        LaneClient.login(t.baseUrl, id, i === 1 ? 'cashier2' : 'cashier1', i === 1 ? 'cashier2pass' : 'cashier1pass'),
      ),
    );
    const skus = products.filter((p) => p.unit === 'each').slice(0, 40);
    const saleIds: string[] = [];
    await Promise.all(
      lanes.map(async (lane, li) => {
        for (let s = 0; s < 8; s++) {
          await lane.send('cart.open');
          for (let k = 0; k < 3; k++)
            await lane.send('cart.scan', { code: bySku(skus[(li * 7 + s * 3 + k) % skus.length].sku).barcodes[0] });
          const totaled = await lane.send('cart.total');
          const due = totaled.data.cart!.totals.dueFen;
          await lane.send('cart.tenderCash', { amountFen: due + 100 });
          const saleId = uuidv7();
          saleIds.push(saleId);
          const [a, b] = await Promise.all([
            lane.send('cart.complete', { saleId, expectedDueFen: due }),
            lane.send('cart.complete', { saleId, expectedDueFen: due }),
          ]);
          expect(a.ok && b.ok).toBe(true);
          expect(a.data.sale!.receiptNo).toBe(b.data.sale!.receiptNo);
        }
      }),
    );
    lanes.forEach((l) => l.close());
    const db = new Database(join(t.dataDir, 'storebox.db'), { readonly: true });
    const placeholders = saleIds.map(() => '?').join(',');
    expect(db.prepare(`SELECT count(*) AS n FROM sale WHERE id IN (${placeholders})`).get(...saleIds)).toEqual({
      n: 24,
    });
    for (const laneId of ['L01', 'L02', 'L03']) {
      const seqs = (
        db.prepare('SELECT lane_seq FROM sale WHERE lane_id = ? ORDER BY lane_seq').all(laneId) as Array<{
          lane_seq: number;
        }>
      ).map((r) => r.lane_seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
    db.close();
  });
});

describe('lane language', () => {
  it('answers in English when the lane connects with ?lang=en', async () => {
    const login = await t.api('/api/v1/auth/login', {
      body: { username: 'cashier1', password: 'cashier1pass', laneId: 'L02' },
    });
    const lane = await LaneClient.connect(t.baseUrl, login.body.data.token, 'en');
    const reply = await lane.send('cart.scan', { code: '6900000000000' });
    expect(reply.error?.message).toMatch(/^[\x20-\x7e]+$/);
    lane.close();
  });
});
