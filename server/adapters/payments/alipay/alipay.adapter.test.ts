import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlipaySimulator } from '../../../../test/simulators/payments/alipay.simulator.ts';
import { rsaPair } from '../../../../test/simulators/payments/test-keys.ts';
import { settlePendingPayment, type SettleOptions } from '../../../app/payments/settle-pending-payment.ts';
import { AlipayChannel } from './alipay.adapter.ts';

const merchant = rsaPair();
const alipay = rsaPair();
const stranger = rsaPair();
const sim = new AlipaySimulator({
  appId: '2021000000000001',
  merchantPublicKeyPem: merchant.publicKeyPem,
  alipayPrivateKeyPem: alipay.privateKeyPem,
});
const realClock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
const fastSettle: SettleOptions = {
  deadlineMs: 3_000,
  firstDelayMs: 20,
  maxDelayMs: 60,
  backoffPercent: 150,
  maxCancelAttempts: 3,
};

let seq = 0;
function order(): string {
  return `T${Date.now()}${++seq}`;
}

function channel(overrides: Record<string, unknown> = {}): AlipayChannel {
  return new AlipayChannel({
    gatewayUrl: sim.gatewayUrl,
    appId: '2021000000000001',
    appPrivateKey: merchant.privateKeyPem,
    alipayPublicKey: alipay.publicKeyPem,
    timeoutMs: 600,
    ...overrides,
  });
}

function payReq(authCode: string, amountFen = 1230) {
  return {
    outTradeNo: order(),
    requestedAt: new Date(),
    amountFen,
    authCode,
    subject: '门店消费',
    storeId: 'S001',
    terminalId: 'L01',
  };
}

beforeAll(() => sim.start());
afterAll(() => sim.stop());

describe('AlipayChannel against the simulator', () => {
  it('pays, verifies the signed answer and reports the trade', async () => {
    const req = payReq('284000000000000001');
    const answer = await channel().pay(req);
    expect(answer).toMatchObject({ status: 'succeeded', amountFen: 1230 });
    if (answer.status !== 'succeeded') return;
    expect(answer.paidAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(await channel().query(req)).toMatchObject({ status: 'succeeded', channelTxnId: answer.channelTxnId });
  });

  it('maps a declined payment to a stable code with the channel sub_code', async () => {
    sim.script('284000000000000002', { kind: 'decline', reason: 'balance' });
    const answer = await channel().pay(payReq('284000000000000002'));
    expect(answer).toMatchObject({
      status: 'failed',
      code: 'PAYMENT_INSUFFICIENT_BALANCE',
      channelCode: 'ACQ.BUYER_BALANCE_NOT_ENOUGH',
    });
  });

  it('user paying (10003) settles by polling query, without a second pay', async () => {
    sim.script('284000000000000003', { kind: 'user-paying', queries: 3 });
    const req = payReq('284000000000000003');
    const ch = channel();
    const first = await ch.pay(req);
    expect(first.status).toBe('pending');
    const settled = await settlePendingPayment(ch, req, first, realClock, fastSettle);
    expect(settled).toMatchObject({ outcome: 'succeeded', answer: { amountFen: 1230 } });
    expect(sim.calls.filter((c) => c.outTradeNo === req.outTradeNo).map((c) => c.op)).toEqual([
      'pay',
      'query',
      'query',
      'query',
    ]);
  });

  it('a customer who never confirms is cancelled at the deadline', async () => {
    sim.script('284000000000000004', { kind: 'user-paying', queries: 1_000 });
    const req = payReq('284000000000000004');
    const ch = channel();
    const settled = await settlePendingPayment(ch, req, await ch.pay(req), realClock, {
      ...fastSettle,
      deadlineMs: 200,
    });
    expect(settled).toEqual({ outcome: 'cancelled', refunded: false });
    expect(sim.trades().find((t) => t.outTradeNo === req.outTradeNo)?.status).toBe('closed');
  });

  it('rejects an answer signed with another key as unknown, never succeeded', async () => {
    const answer = await channel({ alipayPublicKey: stranger.publicKeyPem }).pay(payReq('284000000000000005'));
    expect(answer).toMatchObject({ status: 'unknown', reason: 'bad-signature' });
  });

  it('rejects a tampered answer body', async () => {
    sim.failNext('pay', { kind: 'bad-signature' });
    expect(await channel().pay(payReq('284000000000000006'))).toMatchObject({
      status: 'unknown',
      reason: 'bad-signature',
    });
    sim.failNext('query', { kind: 'garbage' });
    expect(await channel().query({ outTradeNo: 'nothing', requestedAt: new Date() })).toMatchObject({
      status: 'unknown',
      reason: 'malformed',
    });
  });

  it('the gateway refuses a request signed with the wrong merchant key', async () => {
    const answer = await channel({ appPrivateKey: stranger.privateKeyPem }).pay(payReq('284000000000000007'));
    expect(answer).toMatchObject({
      status: 'failed',
      code: 'PAYMENT_CHANNEL_REJECTED',
      channelCode: 'isv.invalid-signature',
    });
    expect(JSON.stringify(answer)).not.toContain('284000000000000007');
  });

  it('a slow answer is unknown at the client; query resolves it', async () => {
    sim.script('284000000000000008', { kind: 'slow', delayMs: 2_000 });
    const req = payReq('284000000000000008');
    const ch = channel();
    const first = await ch.pay(req);
    expect(first).toMatchObject({ status: 'unknown', reason: 'timeout' });
    const settled = await settlePendingPayment(ch, req, first, realClock, fastSettle);
    expect(settled.outcome).toBe('succeeded');
  });

  it('timeout with a late success: polling finds the success, pay is sent once', async () => {
    sim.script('284000000000000009', { kind: 'late-success', hangMs: 3_000, successAfterMs: 150 });
    const req = payReq('284000000000000009');
    const ch = channel();
    const first = await ch.pay(req);
    expect(first).toMatchObject({ status: 'unknown', reason: 'timeout' });
    const settled = await settlePendingPayment(ch, req, first, realClock, fastSettle);
    expect(settled.outcome).toBe('succeeded');
    expect(sim.calls.filter((c) => c.outTradeNo === req.outTradeNo && c.op === 'pay')).toHaveLength(1);
  });

  it('a repeated pay for a paid order resolves to the existing trade', async () => {
    const req = payReq('284000000000000010');
    const first = await channel().pay(req);
    expect(await channel().pay(req)).toEqual(first);
    expect(await channel().pay({ ...req, amountFen: 999 })).toMatchObject({
      status: 'failed',
      code: 'PAYMENT_ORDER_NO_REUSED',
    });
  });

  it('cancel of a paid trade refunds it', async () => {
    const req = payReq('284000000000000011');
    await channel().pay(req);
    expect(await channel().cancel(req)).toEqual({ status: 'cancelled', refunded: true });
    expect(await channel().query(req)).toMatchObject({ status: 'failed', code: 'PAYMENT_TRADE_CLOSED' });
  });

  it('partial refunds add up; a refund over the remainder is refused; a retried refund is not doubled', async () => {
    const req = payReq('284000000000000012', 1000);
    await channel().pay(req);
    const refund = (no: string, fen: number) =>
      channel().refund({ ...req, outRequestNo: no, refundRequestedAt: new Date(), refundFen: fen, totalFen: 1000 });
    expect(await refund('R1', 300)).toMatchObject({ status: 'succeeded', refundFen: 300, totalRefundedFen: 300 });
    expect(await refund('R2', 500)).toMatchObject({ status: 'succeeded', totalRefundedFen: 800 });
    expect(await refund('R2', 500)).toMatchObject({ status: 'succeeded', totalRefundedFen: 800 });
    expect(await refund('R3', 201)).toMatchObject({
      status: 'failed',
      code: 'PAYMENT_REFUND_EXCEEDS_REMAINING',
      channelCode: 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL',
    });
    sim.failNext('refund', { kind: 'merchant-balance' });
    expect(await refund('R4', 200)).toMatchObject({ status: 'failed', code: 'PAYMENT_MERCHANT_BALANCE_INSUFFICIENT' });
    sim.failNext('refund', { kind: 'system-error' });
    expect(await refund('R4', 200)).toMatchObject({ status: 'unknown', reason: 'channel-error' });
    expect(await refund('R4', 200)).toMatchObject({ status: 'succeeded', totalRefundedFen: 1000 });
  });

  it('an unreachable gateway is unknown (network), never a throw', async () => {
    const answer = await channel({ gatewayUrl: 'http://127.0.0.1:9/gateway.do' }).pay(payReq('284000000000000013'));
    expect(answer).toMatchObject({ status: 'unknown', reason: 'network' });
  });

  it('refuses an order number Alipay would not accept, before sending', async () => {
    const before = sim.calls.length;
    const answer = await channel().pay({ ...payReq('284000000000000014'), outTradeNo: 'has-dash' });
    expect(answer).toMatchObject({ status: 'failed', code: 'PAYMENT_ORDER_NO_INVALID' });
    expect(sim.calls.length).toBe(before);
  });
});
