import Database from 'better-sqlite3';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { startPaymentSimulators, type PaymentSimulators } from '../simulators/payments/payment-simulators.ts';
import type { Receipt } from '../../server/core/sale/receipt.ts';
import { LaneClient, paymentIdOf } from '../support/lane-client.ts';
import { removeDir, startTestBox, type TestBox } from '../support/test-box.ts';

const products = demoProducts();
const rice = products.find((p) => p.names.zh === '金龙鱼东北大米 5kg')!; // ¥49.90
const oil = products.find((p) => p.names.zh === '鲁花花生油 5L')!; // ¥159.90
const SUPERVISOR = { username: 'super1', password: 'super1pass' };

let seq = 0;
/** Payment codes with each wallet's prefix: Alipay 28…, WeChat 13…, UnionPay 62… */
const code = (prefix: '28' | '13' | '62') =>
  `${prefix}${String(Date.now() % 1e9).padStart(9, '0')}${String(++seq).padStart(prefix === '62' ? 8 : 7, '0')}`;

/** Lane timings kept short so the tests run in seconds; the client timeout is what "the channel hangs" means. */
function paymentsConfig(sims: PaymentSimulators) {
  const timeoutMs = 600;
  return {
    alipay: { ...sims.config.alipay, timeoutMs },
    wechat: { ...sims.config.wechat, timeoutMs },
    unionpay: { ...sims.config.unionpay, timeoutMs },
    deadlineMs: 1500,
    firstQueryDelayMs: 100,
    maxQueryDelayMs: 300,
    maxCancelAttempts: 1,
    recoveryIntervalSeconds: 3600,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function basket(lane: LaneClient): Promise<number> {
  await lane.send('cart.open');
  await lane.send('cart.scan', { code: oil.barcodes[0] });
  const r = await lane.send('cart.scan', { code: rice.barcodes[0] });
  return r.data.cart!.totals.dueFen; // 209.80 − 满200减30 = 179.80
}

describe('tenders at the lane against the channel simulators', () => {
  let sims: PaymentSimulators;
  let t: TestBox;
  let manager: string;
  const db = () => new Database(join(t.dataDir, 'storebox.db'), { readonly: true });

  beforeAll(async () => {
    sims = await startPaymentSimulators();
    t = await startTestBox({ payments: paymentsConfig(sims) });
    manager = await t.login('manager1', 'manager1pass');
  });
  afterAll(async () => {
    await t.stop();
    await sims.stop();
    removeDir(t.dataDir);
  });

  it('splits cash + Alipay; a retried tenderQr never pays twice; the sale stores both tenders', async () => {
    const lane = await LaneClient.login(t.baseUrl, 'L01');
    const due = await basket(lane);
    expect(due).toBe(17980);
    const cash = await lane.send('cart.tenderCash', { amountFen: 5000 });
    expect(cash.data.cart!.remainingFen).toBe(due - 5000);
    // a QR tender may not exceed what remains (change only from cash)
    const over = await lane.send('cart.tenderQr', { authCode: code('28'), amountFen: due });
    expect(over.error?.code).toBe('PAYMENT_EXCEEDS_DUE');
    const authCode = code('28');
    const r = await lane.send('cart.tenderQr', { authCode }, 'qr-1');
    expect(r.ok).toBe(true);
    expect(r.data.payment).toMatchObject({ channel: 'alipay', status: 'succeeded', amountFen: due - 5000 });
    const paymentId = r.data.payment!.paymentId;
    expect(paymentId).toMatch(/^[0-9a-f]{32}$/);
    expect(r.data.cart!.remainingFen).toBe(0);
    // the reply was lost and the lane sends the same message again
    const retry = await lane.send('cart.tenderQr', { authCode }, 'qr-1');
    expect(retry.ok).toBe(true);
    expect(retry.data.payment!.paymentId).toBe(paymentId);
    expect(retry.data.cart!.tenders).toHaveLength(2);
    expect(sims.alipay.calls.filter((c) => c.op === 'pay' && c.outTradeNo === paymentId)).toHaveLength(1);
    expect(sims.alipay.calls.filter((c) => c.op === 'pay')).toHaveLength(1);
    // items cannot change once a channel took money
    expect(
      (await lane.send('cart.removeLine', { lineId: r.data.cart!.lines[0].lineId, supervisor: SUPERVISOR })).error
        ?.code,
    ).toBe('CART_HAS_PAYMENTS');

    const saleId = uuidv7();
    const done = await lane.send('cart.complete', { saleId, expectedDueFen: due });
    expect(done.ok).toBe(true);
    expect(done.data.sale).toMatchObject({ dueFen: due, tenderedFen: due, changeFen: 0 });
    expect((done.data.sale!.receipt as Receipt).tenders).toEqual([
      { label: '现金', amountFen: 5000 },
      { label: '支付宝', amountFen: due - 5000 },
    ]);
    lane.close();

    const d = db();
    const tenders = d
      .prepare('SELECT id, kind, amount_fen AS fen, reference, status FROM tender WHERE sale_id = ? ORDER BY seq')
      .all(saleId) as any[];
    expect(tenders.map((x) => [x.kind, x.fen, x.status])).toEqual([
      ['cash', 5000, 'succeeded'],
      ['alipay', due - 5000, 'succeeded'],
    ]);
    expect(tenders[1].id).toBe(paymentId);
    expect(tenders[1].reference).toBe(sims.alipay.trades().find((x) => x.outTradeNo === paymentId)!.channelTxnId);
    expect(d.prepare('SELECT sale_id AS saleId, status FROM payment WHERE id = ?').get(paymentId)).toEqual({
      saleId,
      status: 'succeeded',
    });
    // the state was written before the call: created → pending → succeeded
    expect(
      (
        d.prepare('SELECT to_status AS s FROM payment_event WHERE payment_id = ? ORDER BY id').all(paymentId) as any[]
      ).map((e) => e.s),
    ).toEqual(['created', 'pending', 'succeeded']);
    d.close();
  });

  it('WeChat: the customer confirms on the phone (USERPAYING), the box polls until success', async () => {
    const lane = await LaneClient.login(t.baseUrl, 'L02', 'cashier2', 'cashier2pass');
    const due = await basket(lane);
    const authCode = code('13');
    sims.wechat.script(authCode, { kind: 'user-paying', queries: 2 });
    const r = await lane.send('cart.tenderQr', { authCode }, 'wechat-1');
    expect(r.ok).toBe(true);
    expect(r.data.payment).toMatchObject({ channel: 'wechat', status: 'succeeded', amountFen: due });
    const id = r.data.payment!.paymentId;
    expect(sims.wechat.calls.filter((c) => c.outTradeNo === id).map((c) => c.op)).toEqual(['pay', 'query', 'query']);
    const done = await lane.send('cart.complete', { saleId: uuidv7(), expectedDueFen: due });
    expect(done.ok).toBe(true);
    expect((done.data.sale!.receipt as Receipt).tenders).toEqual([{ label: '微信支付', amountFen: due }]);
    // the same transaction id on the next cart is not a retry: refused, nothing paid
    await basket(lane);
    expect((await lane.send('cart.tenderQr', { authCode: code('13') }, 'wechat-1')).error?.code).toBe(
      'IDEMPOTENCY_CONFLICT',
    );
    await lane.send('cart.void', { supervisor: SUPERVISOR });
    lane.close();
  });

  it('a declined code leaves nothing in the cart; card tenders record the terminal reference and auth code', async () => {
    const lane = await LaneClient.login(t.baseUrl, 'L03', 'cashier2', 'cashier2pass');
    const due = await basket(lane);
    const declined = code('62');
    sims.unionpay.script(declined, { kind: 'decline', reason: 'balance' });
    const r = await lane.send('cart.tenderQr', { authCode: declined });
    expect(r.error?.code).toBe('PAYMENT_INSUFFICIENT_BALANCE');
    expect(r.data.cart!.tenders).toEqual([]);
    expect((await lane.send('cart.tenderQr', { authCode: '9900000000000000' })).error?.code).toBe(
      'PAYMENT_CODE_UNRECOGNISED',
    );
    const card = await lane.send('cart.tenderCard', { amountFen: due, reference: '000123456789', authCode: 'A1B2C3' });
    expect(card.data.cart!.remainingFen).toBe(0);
    const saleId = uuidv7();
    expect((await lane.send('cart.complete', { saleId, expectedDueFen: due })).ok).toBe(true);
    lane.close();
    const d = db();
    expect(
      d.prepare('SELECT kind, reference, auth_code AS authCode FROM tender WHERE sale_id = ?').get(saleId),
    ).toEqual({ kind: 'card', reference: '000123456789', authCode: 'A1B2C3' });
    d.close();
  });

  it('times out at the lane, succeeds at the channel later: unknown, then recovery finds it paid; the voided cart leaves it as an orphan (支付成功但未出单)', async () => {
    const lane = await LaneClient.login(t.baseUrl, 'L01');
    const due = await basket(lane);
    const authCode = code('28');
    sims.alipay.script(authCode, { kind: 'late-success', hangMs: 5000, successAfterMs: 3000 });
    sims.alipay.failNext('cancel', { kind: 'system-error' });
    const r = await lane.send('cart.tenderQr', { authCode });
    expect(r.error?.code).toBe('PAYMENT_RESULT_UNKNOWN');
    const id = paymentIdOf(r.data.cart!.tenders[0]);
    expect(r.data.cart!.tenders[0]).toMatchObject({ kind: 'alipay', status: 'unknown', amountFen: due });
    // while it is unknown the cart takes no other money and cannot complete
    expect((await lane.send('cart.tenderCash', { amountFen: due })).error?.code).toBe('PAYMENT_IN_PROGRESS');
    expect((await lane.send('cart.tenderQr', { authCode: code('28') })).error?.code).toBe('PAYMENT_IN_PROGRESS');
    expect((await lane.send('cart.complete', { saleId: uuidv7(), expectedDueFen: due })).error?.code).toBe(
      'PAYMENT_IN_PROGRESS',
    );
    // the customer walks away; a supervisor voids the cart
    expect((await lane.send('cart.void', { supervisor: SUPERVISOR })).ok).toBe(true);
    lane.close();
    await sleep(3200); // the channel turns the trade successful 3 s after it arrived

    const recovered = await t.api('/api/v1/payments/recover', { method: 'POST', token: manager });
    expect(recovered.body.data).toMatchObject({ checked: 1, settled: { succeeded: 1 } });
    const p = await t.api(`/api/v1/payments/${id}`, { token: manager });
    expect(p.body.data).toMatchObject({ status: 'succeeded', saleId: null, orphan: { reason: 'late_success' } });
    expect(p.body.data.events.map((e: any) => e.toStatus)).toEqual([
      'created',
      'pending',
      'unknown',
      'succeeded',
      'succeeded',
    ]);
    const orphans = await t.api('/api/v1/payments?orphan=true', { token: manager });
    expect(orphans.body.data.map((x: any) => x.paymentId)).toContain(id);
    expect(sims.alipay.calls.filter((c) => c.op === 'pay' && c.outTradeNo === id)).toHaveLength(1);
    const d = db();
    expect(
      (d.prepare("SELECT payload FROM outbox WHERE topic = 'payment.orphaned'").all() as any[]).map(
        (o) => JSON.parse(o.payload).paymentId,
      ),
    ).toContain(id);
    d.close();
  });

  it('an unknown payment still in its cart is taken by the cart when recovery finds it paid', async () => {
    const lane = await LaneClient.login(t.baseUrl, 'L02', 'cashier2', 'cashier2pass');
    const due = await basket(lane);
    const authCode = code('28');
    sims.alipay.script(authCode, { kind: 'late-success', hangMs: 5000, successAfterMs: 3000 });
    sims.alipay.failNext('cancel', { kind: 'system-error' });
    const r = await lane.send('cart.tenderQr', { authCode });
    expect(r.error?.code).toBe('PAYMENT_RESULT_UNKNOWN');
    const id = paymentIdOf(r.data.cart!.tenders[0]);
    await sleep(3200); // the channel turns the trade successful 3 s after it arrived
    await t.api('/api/v1/payments/recover', { method: 'POST', token: manager });
    const view = await lane.send('cart.open');
    expect(view.data.cart!.tenders[0]).toMatchObject({ paymentId: id, status: 'succeeded' });
    const done = await lane.send('cart.complete', { saleId: uuidv7(), expectedDueFen: due });
    expect(done.ok).toBe(true);
    lane.close();
    expect((await t.api(`/api/v1/payments/${id}`, { token: manager })).body.data).toMatchObject({
      status: 'succeeded',
      saleId: done.data.sale!.saleId,
      orphan: null,
    });
  });
});
