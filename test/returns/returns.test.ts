import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { startPaymentSimulators, type PaymentSimulators } from '../simulators/payments/payment-simulators.ts';
import { LaneClient } from '../support/lane-client.ts';
import { removeDir, startTestBox, type TestBox } from '../support/test-box.ts';

const products = demoProducts();
const rice = products.find((p) => p.names.zh === '金龙鱼东北大米 5kg')!; // ¥49.90
const oil = products.find((p) => p.names.zh === '鲁花花生油 5L')!; // ¥159.90
const refundId = () => randomUUID().replaceAll('-', '');
// every refund above ¥0 needs a supervisor by default (store setting refundSupervisorAboveFen)
const SUPERVISOR = { username: 'super1', password: 'super1pass' };

describe('returns of a discounted member sale read the stored shares and go back to the original tenders', () => {
  let sims: PaymentSimulators;
  let t: TestBox;
  let cashier: string;
  let sale: { saleId: string; receiptNo: string; dueFen: number; changeFen: number };
  let alipayFen: number;

  beforeAll(async () => {
    sims = await startPaymentSimulators();
    t = await startTestBox({
      payments: { alipay: sims.config.alipay, wechat: sims.config.wechat, unionpay: sims.config.unionpay },
    });
    const login = await t.api('/api/v1/auth/login', {
      body: { username: 'cashier1', password: 'cashier1pass', laneId: 'L01' },
    });
    cashier = login.body.data.token;
    // oil + 3 rice = 309.60, 满200减30 shared over both lines; paid ¥100 cash + Alipay for the rest
    const lane = await LaneClient.login(t.baseUrl, 'L01');
    await lane.send('cart.open');
    await lane.send('cart.scan', { code: oil.barcodes[0] });
    const scanned = await lane.send('cart.scan', { code: rice.barcodes[0], quantity: 3 });
    expect(scanned.data.cart!.totals).toMatchObject({ grossFen: 30960, discountFen: 3000 });
    // a gold member (金卡 9折, the 满100减20 coupon chosen for them) redeeming 1,000 points as ¥10
    expect((await lane.send('cart.identifyMember', { query: '13800000002' })).ok).toBe(true);
    const redeemed = await lane.send('cart.redeemPoints', { points: 1000 });
    expect(redeemed.data.cart!.pointsRedeemed!.fen).toBe(1000);
    const due = redeemed.data.cart!.totals.dueFen;
    await lane.send('cart.tenderCash', { amountFen: 10_000 });
    const qr = await lane.send('cart.tenderQr', { authCode: '280000000000000777' });
    alipayFen = qr.data.payment!.amountFen;
    const done = await lane.send('cart.complete', { saleId: uuidv7(), expectedDueFen: due });
    sale = done.data.sale!;
    lane.close();
  });
  afterAll(async () => {
    await t.stop();
    await sims.stop();
    removeDir(t.dataDir);
  });

  it('finds the sale by receipt number or e-receipt id, with every stored share', async () => {
    const byReceipt = await t.api(`/api/v1/sales?q=${sale.receiptNo}`, { token: cashier });
    expect(byReceipt.status).toBe(200);
    expect(byReceipt.body.data.lines.map((l: any) => [l.sku, l.quantity, l.returnedQuantity])).toEqual([
      [oil.sku, 1, 0],
      [rice.sku, 3, 0],
    ]);
    const shares = byReceipt.body.data.lines.flatMap((l: any) => l.discounts);
    expect(
      shares.filter((d: any) => d.sourceId === 'spend-200-save-30').reduce((s: number, d: any) => s + d.amountFen, 0),
    ).toBe(3000);
    expect(new Set(shares.map((d: any) => d.sourceKind))).toEqual(new Set(['promotion', 'coupon', 'points']));
    expect(byReceipt.body.data.memberId).not.toBeNull();
    expect(byReceipt.body.data.tenders.map((x: any) => x.kind)).toEqual(['cash', 'alipay']);
    const byQr = await t.api(`/api/v1/sales?q=${encodeURIComponent(`sb:receipt:${sale.saleId}`)}`, { token: cashier });
    expect(byQr.body.data.id).toBe(sale.saleId);
    expect((await t.api('/api/v1/sales?q=nope', { token: cashier })).body.error.code).toBe('SALE_NOT_FOUND');
  });

  it('partial returns in any order add up to exactly what was paid, per line, per share and per tender', async () => {
    const detail = (await t.api(`/api/v1/sales/${sale.saleId}`, { token: cashier })).body.data;
    const riceLine = detail.lines[1];
    const post = (lines: Array<{ lineNo: number; quantity: number }>, extra: Record<string, unknown> = {}) =>
      t.api('/api/v1/returns', {
        token: cashier,
        body: {
          refundId: refundId(),
          saleId: sale.saleId,
          lines,
          reason: '顾客退货',
          supervisor: SUPERVISOR,
          ...extra,
        },
      });

    const first = await post([{ lineNo: 2, quantity: 1 }]);
    expect(first.status).toBe(201);
    // one rice of three: a third of its net and of its 满减 share, half-up, from the stored figures
    expect(first.body.data.refundFen).toBe(Math.round(riceLine.netFen / 3));
    expect(first.body.data.lines[0].discountFen).toBe(
      riceLine.discounts.reduce((sum: number, d: any) => sum + Math.round(d.amountFen / 3), 0),
    );
    // electronic tenders are refunded first, through the channel, state stored before the call
    expect(first.body.data.tenders).toMatchObject([
      { kind: 'alipay', amountFen: first.body.data.refundFen, status: 'succeeded' },
    ]);
    expect(first.body.data.status).toBe('completed');
    // the slip says the points given back: a third of the line's stored share (100 points = ¥1)
    const pointsBack = Math.round(riceLine.discounts.find((d: any) => d.sourceKind === 'points').amountFen / 3);
    expect(first.body.data.receipt.footer).toEqual([
      '退货单 REFUND',
      `原小票 ${sale.receiptNo}`,
      `退还积分 ${pointsBack} / Points restored ${pointsBack}`,
    ]);

    // a retry of the same refund id answers the first refund
    const again = await t.api('/api/v1/returns', {
      token: cashier,
      body: {
        refundId: first.body.data.id,
        saleId: sale.saleId,
        lines: [{ lineNo: 2, quantity: 1 }],
        reason: '顾客退货',
      },
    });
    expect(again.status).toBe(200);
    expect(again.body.data.replayed).toBe(true);

    const second = await post([
      { lineNo: 1, quantity: 1 },
      { lineNo: 2, quantity: 1 },
    ]);
    const third2 = await post([{ lineNo: 2, quantity: 1 }]);
    expect([second.status, third2.status]).toEqual([201, 201]);

    // more than is left, an unknown line: clear errors, nothing written
    const before = await t.api(`/api/v1/sales/${sale.saleId}`, { token: cashier });
    expect((await post([{ lineNo: 2, quantity: 1 }])).body.error).toMatchObject({
      code: 'RETURN_QUANTITY_EXCEEDS',
      params: { left: 0 },
    });
    expect((await post([{ lineNo: 9, quantity: 1 }])).body.error.code).toBe('RETURN_LINE_NOT_FOUND');
    expect(
      (await post([{ lineNo: 1, quantity: 1 }], { refundTo: 'cash', supervisor: undefined })).body.error.code,
    ).toBe('RETURN_SUPERVISOR_REQUIRED');
    const after = await t.api(`/api/v1/sales/${sale.saleId}`, { token: cashier });
    expect(after.body.data.refunds).toHaveLength(before.body.data.refunds.length);

    const refunds = after.body.data.refunds;
    expect(refunds.reduce((s: number, r: any) => s + r.refundFen, 0)).toBe(sale.dueFen);
    expect(after.body.data.lines.map((l: any) => l.returnedQuantity)).toEqual([1, 3]);
    const byKind = (kind: string) =>
      refunds
        .flatMap((r: any) => r.tenders)
        .filter((x: any) => x.kind === kind)
        .reduce((s: number, x: any) => s + x.amountFen, 0);
    expect(byKind('alipay')).toBe(alipayFen);
    expect(byKind('cash')).toBe(10_000 - sale.changeFen);
    expect(refunds.flatMap((r: any) => r.tenders).every((x: any) => x.status === 'succeeded')).toBe(true);
    // the channel was asked once per refund tender, never more than the trade
    const refundCalls = sims.alipay.calls.filter((c) => c.op === 'refund');
    expect(refundCalls.length).toBe(
      refunds.flatMap((r: any) => r.tenders).filter((x: any) => x.kind === 'alipay').length,
    );

    const db = new Database(join(t.dataDir, 'storebox.db'), { readonly: true });
    // every discount share given back exactly, the goods back on the shelf, one outbox row each
    const shares = db
      .prepare(
        'SELECT d.line_no AS lineNo, d.seq, d.amount_fen AS fen, (SELECT sum(r.amount_fen) FROM refund_line_discount r JOIN refund f ON f.id = r.refund_id WHERE f.sale_id = d.sale_id AND r.line_no = d.line_no AND r.seq = d.seq) AS back FROM sale_line_discount d WHERE d.sale_id = ?',
      )
      .all(sale.saleId) as any[];
    expect(shares.length).toBeGreaterThan(0);
    for (const s of shares) expect(s.back).toBe(s.fen);
    expect(
      db.prepare("SELECT sku, sum(delta) AS d FROM stock_ledger WHERE kind = 'refund' GROUP BY sku ORDER BY sku").all(),
    ).toEqual([oil.sku, rice.sku].sort().map((sku) => ({ sku, d: sku === rice.sku ? 3 : 1 })));
    expect(db.prepare("SELECT count(*) AS n FROM outbox WHERE topic = 'refund.created'").get()).toEqual({ n: 3 });
    expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'sale.returned'").get()).toEqual({ n: 3 });
    db.close();
  });

  it('refuses a sale outside the store return window', async () => {
    const manager = await t.login('manager1', 'manager1pass');
    expect(
      (await t.api('/api/v1/store/settings', { method: 'PUT', token: manager, body: { returnWindowDays: 0 } })).status,
    ).toBe(200);
    const db = new Database(join(t.dataDir, 'storebox.db'));
    db.prepare("UPDATE sale SET business_date = '2020-01-01' WHERE id = ?").run(sale.saleId);
    db.close();
    const r = await t.api('/api/v1/returns', {
      token: cashier,
      body: { refundId: refundId(), saleId: sale.saleId, lines: [{ lineNo: 1, quantity: 1 }] },
    });
    expect(r.body.error).toMatchObject({ code: 'RETURN_WINDOW_CLOSED', params: { days: 0 } });
  });
});
