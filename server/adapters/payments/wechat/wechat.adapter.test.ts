import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WechatSimulator } from '../../../../test/simulators/payments/wechat.simulator.ts';
import type { PostOptions } from '../http-post.ts';
import { settlePendingPayment, type SettleOptions } from '../../../app/payments/settle-pending-payment.ts';
import { WechatChannel } from './wechat.adapter.ts';

const API_KEY = 'a8f3c1e9b27d4f6a90e1c3b5d7f9a2c4';
const sim = new WechatSimulator({ appId: 'wx2421b1c4370ec43b', mchId: '10000100', apiKey: API_KEY });
const realClock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
const fastSettle: SettleOptions = {
  deadlineMs: 3_000,
  firstDelayMs: 20,
  maxDelayMs: 60,
  backoffPercent: 150,
  maxCancelAttempts: 3,
};

let seq = 0;
function payReq(authCode: string, amountFen = 888) {
  return {
    outTradeNo: `W${Date.now()}${++seq}`,
    requestedAt: new Date(),
    amountFen,
    authCode,
    subject: '便利店-食品',
    storeId: 'S001',
    terminalId: 'L01',
  };
}

function channel(overrides: Record<string, unknown> = {}): WechatChannel {
  return new WechatChannel({
    baseUrl: sim.baseUrl,
    appId: 'wx2421b1c4370ec43b',
    mchId: '10000100',
    apiKey: API_KEY,
    timeoutMs: 600,
    ...overrides,
  });
}

beforeAll(() => sim.start());
afterAll(() => sim.stop());

describe('WechatChannel against the simulator', () => {
  it.each(['MD5', 'HMAC-SHA256'])('pays with %s signs and verifies the answer', async (signType) => {
    const req = payReq('134500000000000001');
    const answer = await channel({ signType }).pay(req);
    expect(answer).toMatchObject({ status: 'succeeded', amountFen: 888 });
    if (answer.status !== 'succeeded') return;
    expect(answer.channelTxnId).toMatch(/^4200\d{24}$/);
    expect(answer.paidAt).toMatch(/\+08:00$/);
    expect(await channel({ signType }).query(req)).toMatchObject({
      status: 'succeeded',
      channelTxnId: answer.channelTxnId,
    });
  });

  it('NOTENOUGH is an insufficient balance; an expired code is an invalid auth code', async () => {
    sim.script('134500000000000002', { kind: 'decline', reason: 'balance' });
    sim.script('134500000000000003', { kind: 'decline', reason: 'auth-code' });
    expect(await channel().pay(payReq('134500000000000002'))).toMatchObject({
      status: 'failed',
      code: 'PAYMENT_INSUFFICIENT_BALANCE',
      channelCode: 'NOTENOUGH',
    });
    expect(await channel().pay(payReq('134500000000000003'))).toMatchObject({
      status: 'failed',
      code: 'PAYMENT_AUTH_CODE_INVALID',
      channelCode: 'AUTHCODEEXPIRE',
    });
  });

  it('USERPAYING settles by polling orderquery', async () => {
    sim.script('134500000000000004', { kind: 'user-paying', queries: 2 });
    const req = payReq('134500000000000004');
    const ch = channel();
    const first = await ch.pay(req);
    expect(first).toEqual({ status: 'pending', detail: 'USERPAYING' });
    expect(await settlePendingPayment(ch, req, first, realClock, fastSettle)).toMatchObject({ outcome: 'succeeded' });
    expect(sim.calls.filter((c) => c.outTradeNo === req.outTradeNo && c.op === 'pay')).toHaveLength(1);
  });

  it('a customer whose payment fails while paying ends failed, not cancelled', async () => {
    sim.script('134500000000000005', { kind: 'user-paying', queries: 1, outcome: 'decline' });
    const req = payReq('134500000000000005');
    const ch = channel();
    const settled = await settlePendingPayment(ch, req, await ch.pay(req), realClock, fastSettle);
    expect(settled).toMatchObject({ outcome: 'failed', answer: { code: 'PAYMENT_DECLINED', channelCode: 'PAYERROR' } });
  });

  it('SYSTEMERROR is unknown; the trade that went through is found by query', async () => {
    sim.script('134500000000000006', { kind: 'system-error' });
    const req = payReq('134500000000000006');
    const ch = channel();
    const first = await ch.pay(req);
    expect(first).toMatchObject({ status: 'unknown', reason: 'channel-error' });
    expect(await settlePendingPayment(ch, req, first, realClock, fastSettle)).toMatchObject({ outcome: 'succeeded' });
  });

  it('a wrong API key is refused by the channel (签名错误) and our check refuses its answers', async () => {
    expect(await channel({ apiKey: 'x'.repeat(32) }).pay(payReq('134500000000000007'))).toMatchObject({
      status: 'failed',
      code: 'PAYMENT_CHANNEL_REJECTED',
      message: '签名错误',
    });
    sim.failNext('pay', { kind: 'bad-signature' });
    expect(await channel().pay(payReq('134500000000000008'))).toMatchObject({
      status: 'unknown',
      reason: 'bad-signature',
    });
    sim.failNext('pay', { kind: 'garbage' });
    expect(await channel().pay(payReq('134500000000000009'))).toMatchObject({ status: 'unknown', reason: 'malformed' });
  });

  it('slow answer → unknown → query resolves it', async () => {
    sim.script('134500000000000010', { kind: 'slow', delayMs: 2_000 });
    const req = payReq('134500000000000010');
    const ch = channel();
    const first = await ch.pay(req);
    expect(first).toMatchObject({ status: 'unknown', reason: 'timeout' });
    expect(await settlePendingPayment(ch, req, first, realClock, fastSettle)).toMatchObject({ outcome: 'succeeded' });
  });

  it('timeout with late success, and a deadline that reverses a trade still being paid', async () => {
    sim.script('134500000000000011', { kind: 'late-success', hangMs: 3_000, successAfterMs: 150 });
    const req = payReq('134500000000000011');
    const ch = channel();
    const first = await ch.pay(req);
    expect(first).toMatchObject({ status: 'unknown', reason: 'timeout' });
    expect(await settlePendingPayment(ch, req, first, realClock, fastSettle)).toMatchObject({ outcome: 'succeeded' });

    sim.script('134500000000000012', { kind: 'late-success', hangMs: 3_000, successAfterMs: 60_000 });
    const slowReq = payReq('134500000000000012');
    const settled = await settlePendingPayment(ch, slowReq, await ch.pay(slowReq), realClock, {
      ...fastSettle,
      deadlineMs: 150,
    });
    expect(settled).toEqual({ outcome: 'cancelled', refunded: false });
    expect(await ch.query(slowReq)).toMatchObject({
      status: 'failed',
      code: 'PAYMENT_TRADE_CLOSED',
      channelCode: 'REVOKED',
    });
  });

  it('reverse of a paid trade refunds it; a second pay for it is refused as reversed', async () => {
    const req = payReq('134500000000000013');
    await channel().pay(req);
    expect(await channel().cancel(req)).toEqual({ status: 'cancelled', refunded: true });
    expect(await channel().pay(req)).toMatchObject({
      status: 'failed',
      code: 'PAYMENT_TRADE_CLOSED',
      channelCode: 'ORDERREVERSED',
    });
  });

  it('partial refunds, an over-refund (REFUND_FEE_INVALID) and an idempotent retry', async () => {
    const req = payReq('134500000000000014', 1000);
    await channel().pay(req);
    const refund = (no: string, fen: number) =>
      channel().refund({ ...req, outRequestNo: no, refundRequestedAt: new Date(), refundFen: fen, totalFen: 1000 });
    expect(await refund('RF1', 400)).toMatchObject({ status: 'succeeded', refundFen: 400 });
    expect(await refund('RF1', 400)).toMatchObject({ status: 'succeeded', refundFen: 400 });
    expect(await refund('RF2', 601)).toMatchObject({
      status: 'failed',
      code: 'PAYMENT_REFUND_EXCEEDS_REMAINING',
      channelCode: 'REFUND_FEE_INVALID',
    });
    sim.failNext('refund', { kind: 'merchant-balance' });
    expect(await refund('RF2', 600)).toMatchObject({ status: 'failed', code: 'PAYMENT_MERCHANT_BALANCE_INSUFFICIENT' });
    expect(await refund('RF2', 600)).toMatchObject({ status: 'succeeded' });
    expect(await channel().query(req)).toMatchObject({ status: 'succeeded' });
  });

  it('sends the client certificate on /secapi/* only', async () => {
    const seen: { url: string; options: PostOptions }[] = [];
    const ch = new WechatChannel(
      { appId: 'wx1', mchId: '1', apiKey: API_KEY, clientCertPem: 'CERT', clientKeyPem: 'KEY' },
      {
        post: async (url, _body, options) => {
          seen.push({ url, options });
          return { ok: false, reason: 'network', detail: 'offline' };
        },
      },
    );
    const req = payReq('134500000000000015');
    await ch.pay(req);
    await ch.refund({ ...req, outRequestNo: 'RF9', refundRequestedAt: new Date(), refundFen: 1, totalFen: 888 });
    expect(seen.map((s) => [new URL(s.url).pathname, s.options.tls?.certPem])).toEqual([
      ['/pay/micropay', undefined],
      ['/secapi/pay/refund', 'CERT'],
    ]);
  });
});
