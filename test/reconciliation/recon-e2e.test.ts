import { join } from 'node:path';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import {
  startPaymentSimulators,
  type ChannelSimulator,
  type PaymentSimulators,
} from '../simulators/payments/payment-simulators.ts';
import { refundedTotal } from '../simulators/payments/sim-ledger.ts';
import { exportAlipayBill, exportWechatBill, type BillExport } from '../simulators/payments/statement-export.ts';
import { LaneClient, paymentIdOf } from '../support/lane-client.ts';
import { removeDir, startTestBox, type TestBox } from '../support/test-box.ts';

/**
 * The payments issue's "done when", with real components only: lanes over their WebSocket, the box's
 * QR payments against the channel simulators, the channel's bill exported from the simulator's own
 * order book in the channel's layout, imported and reconciled through the API, and the orphan
 * refunded through the channel when a manager resolves it.
 */
const products = demoProducts();
const cola = products.find((p) => p.names.zh === '可口可乐 330ml')!;
const rice = products.find((p) => p.names.zh === '金龙鱼东北大米 5kg')!; // ¥49.90
const oil = products.find((p) => p.names.zh === '鲁花花生油 5L')!; // ¥159.90
const SUPERVISOR = { username: 'super1', password: 'super1pass' };
const WECHAT_MCH_ID = '10000100'; // the simulator's mch_id (payment-simulators.ts)
const ALIPAY_ACCOUNT = '20880211096256330156';
const CLIENT_TIMEOUT_MS = 600;

let seq = 0;
/** Payment codes with each wallet's prefix: Alipay 28…, WeChat 13… */
const code = (prefix: '28' | '13') =>
  `${prefix}${String(Date.now() % 1e9).padStart(9, '0')}${String(++seq).padStart(7, '0')}`;

let sims: PaymentSimulators;
let t: TestBox;
let manager: string;
const db = () => new Database(join(t.dataDir, 'storebox.db'), { readonly: true });

beforeAll(async () => {
  sims = await startPaymentSimulators();
  t = await startTestBox({
    payments: {
      alipay: { ...sims.config.alipay, timeoutMs: CLIENT_TIMEOUT_MS },
      wechat: { ...sims.config.wechat, timeoutMs: CLIENT_TIMEOUT_MS },
      unionpay: { ...sims.config.unionpay, timeoutMs: CLIENT_TIMEOUT_MS },
      deadlineMs: 1500,
      firstQueryDelayMs: 100,
      maxQueryDelayMs: 300,
      maxCancelAttempts: 1,
      recoveryIntervalSeconds: 3600,
    },
    reconciliation: { merchantIds: { wechat: WECHAT_MCH_ID } },
  });
  manager = await t.login('manager1', 'manager1pass');
});
afterAll(async () => {
  await t.stop();
  await sims.stop();
  removeDir(t.dataDir);
});

async function scan(lane: LaneClient, items: ReadonlyArray<{ barcodes: readonly string[] }>): Promise<number> {
  await lane.send('cart.open');
  let due = 0;
  for (const p of items) due = (await lane.send('cart.scan', { code: p.barcodes[0] })).data.cart!.totals.dueFen;
  return due;
}

async function complete(lane: LaneClient, due: number): Promise<string> {
  const saleId = uuidv7();
  const done = await lane.send('cart.complete', { saleId, expectedDueFen: due });
  if (!done.ok) throw new Error(JSON.stringify(done.error));
  return saleId;
}

/** The sale's store-local business day. */
function businessDay(saleId: string): string {
  const d = db();
  try {
    return (d.prepare('SELECT business_date AS day FROM sale WHERE id = ?').get(saleId) as { day: string }).day;
  } finally {
    d.close();
  }
}

/** Waits (bounded) until the channel's order book shows the trade as `status`. */
async function tradeBecomes(sim: ChannelSimulator, outTradeNo: string, status: 'success'): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (sim.trades().find((x) => x.outTradeNo === outTradeNo)?.status === status) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`trade ${outTradeNo} never became ${status}`);
}

async function upload(channel: string, bill: BillExport): Promise<{ status: number; body: any }> {
  const res = await fetch(
    `${t.baseUrl}/api/v1/statements/import?channel=${channel}&fileName=${encodeURIComponent(bill.fileName)}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${manager}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(bill.bytes),
    },
  );
  return { status: res.status, body: await res.json() };
}

const resolve = (anomalyId: string, body: Record<string, unknown>) =>
  t.api(`/api/v1/reconciliation/anomalies/${encodeURIComponent(anomalyId)}/resolve`, { token: manager, body });

/** A QR payment the channel took while its cart was voided: an orphan (支付成功但未出单), the fast way (channel says "system error" but paid). */
async function orphanByVoid(
  lane: LaneClient,
  sim: ChannelSimulator,
  prefix: '28' | '13',
  items: ReadonlyArray<{ barcodes: readonly string[] }>,
): Promise<{ id: string; amountFen: number }> {
  const amountFen = await scan(lane, items);
  const authCode = code(prefix);
  sim.script(authCode, { kind: 'system-error' });
  const r = await lane.send('cart.tenderQr', { authCode });
  expect(r.data.payment, JSON.stringify(r)).toMatchObject({ status: 'succeeded', amountFen });
  expect((await lane.send('cart.void', { supervisor: SUPERVISOR })).ok).toBe(true);
  return { id: r.data.payment!.paymentId, amountFen };
}

describe('a QR payment the lane gave up on, reconciled against the channel bill and refunded', () => {
  it('lane timeout → unknown → void → recovery finds it paid → orphan → bill → anomaly → refund_orphan through WeChat → resolved, audited, stays resolved', async () => {
    const lane = await LaneClient.login(t.baseUrl, 'L01');
    // the day's other sales: cash only, WeChat in full, and cash + WeChat
    const cashDue = await scan(lane, [cola]);
    await lane.send('cart.tenderCash', { amountFen: cashDue });
    const cashSale = await complete(lane, cashDue);
    const qrDue = await scan(lane, [rice]);
    const qr = await lane.send('cart.tenderQr', { authCode: code('13') });
    expect(qr.data.payment).toMatchObject({ channel: 'wechat', status: 'succeeded', amountFen: qrDue });
    const qrSale = await complete(lane, qrDue);
    const splitDue = await scan(lane, [oil, rice]);
    await lane.send('cart.tenderCash', { amountFen: 5_000 });
    const splitQr = await lane.send('cart.tenderQr', { authCode: code('13') });
    expect(splitQr.data.payment).toMatchObject({ status: 'succeeded', amountFen: splitDue - 5_000 });
    const splitSale = await complete(lane, splitDue);

    // the customer's wallet hangs past the lane's timeout and the channel takes the money later
    const orphanDue = await scan(lane, [oil]);
    const authCode = code('13');
    sims.wechat.script(authCode, { kind: 'late-success', hangMs: 5_000, successAfterMs: 2_500 });
    sims.wechat.failNext('cancel', { kind: 'system-error' }); // the reversal does not get through either
    const timedOut = await lane.send('cart.tenderQr', { authCode });
    expect(timedOut.error?.code).toBe('PAYMENT_RESULT_UNKNOWN');
    const orphanId: string = paymentIdOf(timedOut.data.cart!.tenders[0]);
    expect(timedOut.data.cart!.tenders[0]).toMatchObject({ kind: 'wechat', status: 'unknown', amountFen: orphanDue });
    expect((await lane.send('cart.void', { supervisor: SUPERVISOR })).ok).toBe(true);
    lane.close();
    await tradeBecomes(sims.wechat, orphanId, 'success');
    const recovered = await t.api('/api/v1/payments/recover', { method: 'POST', token: manager });
    expect(recovered.body.data).toMatchObject({ checked: 1, settled: { succeeded: 1 } });
    const orphan = await t.api(`/api/v1/payments/${orphanId}`, { token: manager });
    expect(orphan.body.data).toMatchObject({
      status: 'succeeded',
      saleId: null,
      amountFen: orphanDue,
      orphan: { reason: 'late_success' },
    });

    // that day's bill from the channel's own order book, in WeChat's layout, through the box's API
    const day = businessDay(cashSale);
    const bill = exportWechatBill(sims.wechat, day, { mchId: WECHAT_MCH_ID });
    expect(bill.rows).toBe(3); // the two QR sales and the orphan: cash never reaches a channel
    expect(bill.paymentFen).toBe(qrDue + (splitDue - 5_000) + orphanDue);
    const imported = await upload('wechat', bill);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body.data).toMatchObject({
      channel: 'wechat',
      merchantId: WECHAT_MCH_ID,
      rowCount: 3,
      periodStart: day,
      periodEnd: day,
    });

    const run = await t.api('/api/v1/reconciliation/run', { token: manager, body: { date: day, channel: 'wechat' } });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    const summary = run.body.data.runs[0];
    expect(summary.totals).toMatchObject({
      tenderCount: 2,
      tenderFen: qrDue + splitDue - 5_000,
      matchedCount: 2,
      matchedFen: qrDue + splitDue - 5_000,
    });
    expect(summary.totals.statement).toMatchObject({
      rowCount: 3,
      paymentFen: bill.paymentFen,
      feeFen: bill.feeFen,
      netFen: bill.paymentFen - bill.feeFen,
    });
    expect(summary.anomalies.paid_without_order).toEqual({ count: 1, expectedFen: 0, statementFen: orphanDue });
    for (const kind of [
      'order_without_payment',
      'amount_mismatch',
      'duplicate_payment',
      'refund_mismatch',
      'late_settlement',
    ])
      expect(summary.anomalies[kind].count, kind).toBe(0);
    const report = await t.api(`/api/v1/reconciliation?date=${day}&channel=wechat`, { token: manager });
    expect(report.body.data.channels[0]).toMatchObject({ channel: 'wechat', anomalyCount: 1, open: 1, resolved: 0 });
    expect(report.body.data.channels[0].totals.statement.feeFen).toBe(bill.feeFen);

    // the sold QR tenders matched: no anomaly names either sale
    const anomalies = (await t.api(`/api/v1/reconciliation/anomalies?date=${day}`, { token: manager })).body
      .data as any[];
    expect(anomalies.filter((a) => a.detail.saleId === qrSale || a.detail.saleId === splitSale)).toEqual([]);
    const anomalyId = `wechat:paid_without_order:${orphanId}`;
    expect(anomalies.map((a) => a.id)).toEqual([anomalyId]);
    const txnId = sims.wechat.trades().find((x) => x.outTradeNo === orphanId)!.channelTxnId;
    expect(anomalies[0]).toMatchObject({
      kind: 'paid_without_order',
      status: 'open',
      statementFen: orphanDue,
      detail: { merchantOrderNo: orphanId, channelTxnIds: [txnId] },
    });

    // the manager gives the money back through the channel
    const note = '顾客已离店，原路退回';
    const resolved = await resolve(anomalyId, { action: 'refund_orphan', note });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body.data).toMatchObject({
      status: 'resolved',
      resolution: {
        action: 'refund_orphan',
        note,
        actor: 'manager1',
        outcome: { refund: 'issued', paymentId: orphanId, channel: 'wechat', amountFen: orphanDue },
      },
    });
    const refundId: string = resolved.body.data.resolution.outcome.refundId;
    expect(refundId).toMatch(/^[0-9a-f]{32}$/);
    const trade = sims.wechat.trades().find((x) => x.outTradeNo === orphanId)!;
    expect([...trade.refunds.keys()]).toEqual([refundId]);
    expect(refundedTotal(trade)).toBe(orphanDue);
    expect(sims.wechat.calls.filter((c) => c.op === 'refund').map((c) => c.outTradeNo)).toEqual([orphanId]);
    // the channel's bill of the day now carries the refund too (a REFUND row)
    expect(bill.refundFen).toBe(0);
    expect(exportWechatBill(sims.wechat, day, { mchId: WECHAT_MCH_ID }).refundFen).toBe(orphanDue);

    // resolving again refunds nothing; a re-run keeps the resolution
    expect((await resolve(anomalyId, { action: 'refund_orphan', note: 'again' })).body.error.code).toBe(
      'RECON_ANOMALY_ALREADY_RESOLVED',
    );
    const rerun = await t.api('/api/v1/reconciliation/run', { token: manager, body: { date: day, channel: 'wechat' } });
    expect(rerun.body.data.runs[0]).toMatchObject({ resolved: 1, anomalies: { paid_without_order: { count: 1 } } });
    const after = await t.api(`/api/v1/reconciliation/anomalies?date=${day}`, { token: manager });
    expect(after.body.data).toMatchObject([
      { id: anomalyId, status: 'resolved', present: true, resolution: { outcome: { refundId } } },
    ]);
    expect(sims.wechat.calls.filter((c) => c.op === 'refund')).toHaveLength(1);

    const d = db();
    const audit = d
      .prepare(
        "SELECT actor, action, subject, detail FROM audit_log WHERE action IN ('payment.orphan_refund', 'reconciliation.anomaly.resolve') ORDER BY seq",
      )
      .all() as any[];
    expect(audit.map((a) => [a.action, a.actor, a.subject])).toEqual([
      ['payment.orphan_refund', 'manager1', orphanId],
      ['reconciliation.anomaly.resolve', 'manager1', anomalyId],
    ]);
    expect(JSON.parse(audit[0].detail)).toMatchObject({
      refundId,
      channel: 'wechat',
      amountFen: orphanDue,
      retry: false,
      reason: note,
    });
    expect(JSON.parse(audit[1].detail)).toMatchObject({
      action: 'refund_orphan',
      note,
      outcome: { refund: 'issued', refundId },
    });
    // the payment's event log: the refund written pending before the call, then its outcome
    const events = (
      d.prepare('SELECT detail FROM payment_event WHERE payment_id = ? ORDER BY id').all(orphanId) as any[]
    ).map((e) => e.detail as string | null);
    const refundEvents = events.filter((e) => e?.startsWith('{"orphanRefund"')).map((e) => JSON.parse(e!).orphanRefund);
    expect(refundEvents).toMatchObject([
      { refundId, status: 'pending', amountFen: orphanDue },
      { refundId, status: 'succeeded' },
    ]);
    const outbox = (d.prepare("SELECT payload FROM outbox WHERE topic = 'payment.orphan_refunded'").all() as any[]).map(
      (o) => JSON.parse(o.payload),
    );
    expect(outbox).toMatchObject([{ paymentId: orphanId, refundId, amountFen: orphanDue, channel: 'wechat' }]);
    d.close();
  }, 30_000);
});

describe('refunding orphans through the channel when the channel misbehaves (Alipay)', () => {
  it('a refusal leaves the anomaly open with the channel’s reason; an unknown answer is retried under the same refund id and refunds once', async () => {
    const lane = await LaneClient.login(t.baseUrl, 'L03', 'cashier2', 'cashier2pass');
    const due = await scan(lane, [cola]);
    expect((await lane.send('cart.tenderQr', { authCode: code('28') })).data.payment!.status).toBe('succeeded');
    const day = businessDay(await complete(lane, due));
    const refused = await orphanByVoid(lane, sims.alipay, '28', [rice]);
    const hanging = await orphanByVoid(lane, sims.alipay, '28', [oil]);
    // and one paid in a cart the cashier has not finished yet
    const inCartDue = await scan(lane, [rice, rice]);
    const inCart = (await lane.send('cart.tenderQr', { authCode: code('28') })).data.payment;
    expect(inCart).toMatchObject({ status: 'succeeded', amountFen: inCartDue });

    const bill = exportAlipayBill(sims.alipay, day, { account: ALIPAY_ACCOUNT });
    const imported = await upload('alipay', bill);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const run = await t.api('/api/v1/reconciliation/run', { token: manager, body: { date: day, channel: 'alipay' } });
    expect(run.body.data.runs[0]).toMatchObject({
      totals: { matchedCount: 1 },
      anomalies: { paid_without_order: { count: 3, statementFen: refused.amountFen + hanging.amountFen + inCartDue } },
    });
    expect(run.body.data.runs[0].totals.statement.feeFen).toBe(bill.feeFen);

    // the cart may still complete a sale with it: not refunded
    const inCartRefund = await resolve(`alipay:paid_without_order:${inCart!.paymentId}`, {
      action: 'refund_orphan',
      note: '退回顾客',
    });
    expect(inCartRefund.body.error).toMatchObject({
      code: 'RECON_ORPHAN_PAYMENT_IN_CART',
      params: { paymentId: inCart!.paymentId, laneId: 'L03' },
    });
    expect((await lane.send('cart.complete', { saleId: uuidv7(), expectedDueFen: inCartDue })).ok).toBe(true);
    lane.close();
    // once its sale completes, a re-run matches it and the anomaly is gone
    const rerun = await t.api('/api/v1/reconciliation/run', { token: manager, body: { date: day, channel: 'alipay' } });
    expect(rerun.body.data.runs[0]).toMatchObject({
      totals: { matchedCount: 2 },
      anomalies: { paid_without_order: { count: 2 } },
    });

    // the merchant account cannot cover the refund: the channel's reason, the anomaly stays open, no money moved
    const refusedId = `alipay:paid_without_order:${refused.id}`;
    sims.alipay.failNext('refund', { kind: 'merchant-balance' });
    const first = await resolve(refusedId, { action: 'refund_orphan', note: '退回顾客' });
    expect(first.status).toBe(409);
    expect(first.body.error).toMatchObject({
      code: 'PAYMENT_MERCHANT_BALANCE_INSUFFICIENT',
      params: { channelCode: 'ACQ.SELLER_BALANCE_NOT_ENOUGH' },
    });
    expect(
      (await t.api(`/api/v1/reconciliation/anomalies?date=${day}&status=open`, { token: manager })).body.data.map(
        (a: any) => a.id,
      ),
    ).toContain(refusedId);
    expect(refundedTotal(sims.alipay.trades().find((x) => x.outTradeNo === refused.id)!)).toBe(0);
    // once the account is topped up the manager tries again: a new refund id (the refused one moved nothing)
    const second = await resolve(refusedId, { action: 'refund_orphan', note: '退回顾客' });
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    const refundedTrade = sims.alipay.trades().find((x) => x.outTradeNo === refused.id)!;
    expect([...refundedTrade.refunds.keys()]).toEqual([second.body.data.resolution.outcome.refundId]);
    expect(refundedTotal(refundedTrade)).toBe(refused.amountFen);

    // the channel takes the refund but its answer never arrives in time
    const hangingId = `alipay:paid_without_order:${hanging.id}`;
    sims.alipay.failNext('refund', { kind: 'delay', ms: CLIENT_TIMEOUT_MS * 3 });
    const pending = resolve(hangingId, { action: 'refund_orphan', note: '退回顾客' });
    for (let i = 0; i < 200 && !sims.alipay.calls.some((c) => c.op === 'refund' && c.outTradeNo === hanging.id); i++)
      await new Promise((r) => setTimeout(r, 10));
    // the call is out: the attempt was stored before it went
    const d = db();
    const stored = (
      d.prepare('SELECT detail FROM payment_event WHERE payment_id = ? ORDER BY id').all(hanging.id) as any[]
    )
      .map((e) => e.detail as string | null)
      .filter((e) => e?.startsWith('{"orphanRefund"'))
      .map((e) => JSON.parse(e!).orphanRefund);
    d.close();
    expect(stored).toMatchObject([{ status: 'pending', amountFen: hanging.amountFen }]);
    const unknown = await pending;
    expect(unknown.body.error).toMatchObject({
      code: 'RECON_ORPHAN_REFUND_UNKNOWN',
      params: { reason: 'timeout', refundId: stored[0].refundId },
    });
    expect(
      (await t.api(`/api/v1/reconciliation/anomalies?date=${day}&status=open`, { token: manager })).body.data.map(
        (a: any) => a.id,
      ),
    ).toEqual([hangingId]);
    // the retry sends the same refund id and request time: the channel counts it once; two managers
    // retrying at the same moment share that one attempt
    const [retried, concurrent] = await Promise.all([
      resolve(hangingId, { action: 'refund_orphan', note: '退回顾客' }),
      resolve(hangingId, { action: 'refund_orphan', note: '退回顾客' }),
    ]);
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(concurrent.body.error.code).toBe('RECON_ANOMALY_ALREADY_RESOLVED');
    expect(retried.body.data.resolution.outcome).toMatchObject({ refund: 'issued', refundId: stored[0].refundId });
    const hungTrade = sims.alipay.trades().find((x) => x.outTradeNo === hanging.id)!;
    expect([...hungTrade.refunds.keys()]).toEqual([stored[0].refundId]);
    expect(refundedTotal(hungTrade)).toBe(hanging.amountFen);
    expect(sims.alipay.calls.filter((c) => c.op === 'refund' && c.outTradeNo === hanging.id)).toHaveLength(2);

    const a = db();
    const attempts = (
      a
        .prepare("SELECT subject, detail FROM audit_log WHERE action = 'payment.orphan_refund' ORDER BY seq")
        .all() as any[]
    ).filter((r) => [refused.id, hanging.id].includes(r.subject));
    a.close();
    expect(attempts.map((r) => [r.subject, JSON.parse(r.detail).retry])).toEqual([
      [refused.id, false],
      [refused.id, false],
      [hanging.id, false],
      [hanging.id, true],
    ]);
  }, 30_000);

  it('an order number no payment of the box carries is not refunded: the intent is recorded for a person', async () => {
    const day = '2024-03-11';
    const bill = exportAlipayBill(
      {
        trades: () => [
          {
            outTradeNo: 'ELSEWHERE-1',
            channelTxnId: '2024031122001000000000000001',
            amountFen: 1_990,
            authCode: '',
            subject: '',
            createdAt: new Date(`${day}T02:00:00Z`),
            extra: {},
            status: 'success',
            paidAt: new Date(`${day}T02:00:00Z`),
            queriesLeft: 0,
            outcome: 'succeed',
            refunds: new Map(),
          },
        ],
      },
      day,
      { account: ALIPAY_ACCOUNT },
    );
    expect((await upload('alipay', bill)).status).toBe(201);
    await t.api('/api/v1/reconciliation/run', { token: manager, body: { date: day, channel: 'alipay' } });
    const calls = sims.alipay.calls.length;
    const r = await resolve('alipay:paid_without_order:ELSEWHERE-1', {
      action: 'refund_orphan',
      note: '非本店收款，转财务处理',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.data.resolution.outcome).toMatchObject({
      refund: 'intent_recorded',
      merchantOrderNo: 'ELSEWHERE-1',
      amountFen: 1_990,
    });
    expect(sims.alipay.calls.length).toBe(calls);
  });
});
