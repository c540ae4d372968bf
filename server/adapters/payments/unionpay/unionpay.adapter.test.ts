import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rsaPair } from '../../../../test/simulators/payments/test-keys.ts';
import { UnionpaySimulator } from '../../../../test/simulators/payments/unionpay.simulator.ts';
import { settlePendingPayment, type SettleOptions } from '../../../app/payments/settle-pending-payment.ts';
import { UnionpayChannel } from './unionpay.adapter.ts';
import { parseAcpAnswer } from './unionpay.signature.ts';

const merchant = rsaPair();
const unionpay = rsaPair();
const stranger = rsaPair();
const MER_ID = '777290058110048';
const CERT_ID = '69629715588';
const sim = new UnionpaySimulator({
  merId: MER_ID,
  merchantPublicKeyPem: merchant.publicKeyPem,
  merchantCertId: CERT_ID,
  unionpayPrivateKeyPem: unionpay.privateKeyPem,
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
function payReq(authCode: string, amountFen = 2500) {
  return {
    outTradeNo: `U${Date.now()}${++seq}`,
    requestedAt: new Date(),
    amountFen,
    authCode,
    subject: '门店消费',
    storeId: 'S001',
    terminalId: '49000002',
  };
}

function channel(overrides: Record<string, unknown> = {}): UnionpayChannel {
  return new UnionpayChannel({
    gatewayUrl: sim.gatewayUrl,
    merId: MER_ID,
    signPrivateKey: merchant.privateKeyPem,
    signCertId: CERT_ID,
    unionpayPublicKey: unionpay.publicKeyPem,
    timeoutMs: 600,
    ...overrides,
  });
}

beforeAll(() => sim.start());
afterAll(() => sim.stop());

describe('UnionpayChannel against the simulator', () => {
  it('consumes with a C2B code and confirms by query (queryId is the channel id)', async () => {
    const req = payReq('6220000000000000001');
    const answer = await channel().pay(req);
    expect(answer).toMatchObject({ status: 'succeeded', amountFen: 2500 });
    if (answer.status !== 'succeeded') return;
    expect(answer.channelTxnId).toMatch(/^\d{21}$/);
    expect(sim.calls.filter((c) => c.outTradeNo === req.outTradeNo).map((c) => c.op)).toEqual(['pay', 'query']);
  });

  it('a declined consume maps to a stable code', async () => {
    sim.script('6220000000000000002', { kind: 'decline', reason: 'balance' });
    expect(await channel().pay(payReq('6220000000000000002'))).toMatchObject({
      status: 'failed',
      code: 'PAYMENT_INSUFFICIENT_BALANCE',
      channelCode: '64',
    });
  });

  it('05 (accepted, processing) settles by polling; the trade is queried by orderId + txnTime', async () => {
    sim.script('6220000000000000003', { kind: 'user-paying', queries: 2 });
    const req = payReq('6220000000000000003');
    const ch = channel();
    const first = await ch.pay(req);
    expect(first.status).toBe('pending');
    expect(await settlePendingPayment(ch, req, first, realClock, fastSettle)).toMatchObject({ outcome: 'succeeded' });
    expect(await ch.query({ ...req, requestedAt: new Date(req.requestedAt.getTime() - 60_000) })).toMatchObject({
      status: 'failed',
      code: 'PAYMENT_TRADE_NOT_FOUND',
    });
  });

  it('signatures: the gateway refuses a wrong key (11); we refuse answers we cannot verify', async () => {
    expect(await channel({ signPrivateKey: stranger.privateKeyPem }).pay(payReq('6220000000000000004'))).toMatchObject({
      status: 'failed',
      code: 'PAYMENT_CHANNEL_REJECTED',
      channelCode: '11',
    });
    expect(
      await channel({ unionpayPublicKey: stranger.publicKeyPem }).pay(payReq('6220000000000000005')),
    ).toMatchObject({ status: 'unknown', reason: 'bad-signature' });
    sim.failNext('query', { kind: 'bad-signature' });
    expect(await channel().pay(payReq('6220000000000000006'))).toMatchObject({
      status: 'unknown',
      reason: 'bad-signature',
    });
  });

  it('slow answer → unknown → query resolves it; late success too; pay is sent once', async () => {
    sim.script('6220000000000000007', { kind: 'slow', delayMs: 2_000 });
    sim.script('6220000000000000008', { kind: 'late-success', hangMs: 3_000, successAfterMs: 150 });
    const ch = channel();
    for (const code of ['6220000000000000007', '6220000000000000008']) {
      const req = payReq(code);
      const first = await ch.pay(req);
      expect(first).toMatchObject({ status: 'unknown', reason: 'timeout' });
      expect(await settlePendingPayment(ch, req, first, realClock, fastSettle)).toMatchObject({ outcome: 'succeeded' });
      expect(sim.calls.filter((c) => c.outTradeNo === req.outTradeNo && c.op === 'pay')).toHaveLength(1);
    }
  });

  it('冲正 of a paid trade reports the refund; of an unknown order, not found', async () => {
    const req = payReq('6220000000000000009');
    await channel().pay(req);
    expect(await channel().cancel(req)).toEqual({ status: 'cancelled', refunded: true });
    expect(await channel().cancel({ outTradeNo: 'NEVERSENT01', requestedAt: new Date() })).toMatchObject({
      status: 'failed',
      code: 'PAYMENT_TRADE_NOT_FOUND',
    });
  });

  it('退货: partial refunds, over-refund refused, a retried refund is answered from its own query', async () => {
    const req = payReq('6220000000000000010', 1000);
    const paid = await channel().pay(req);
    if (paid.status !== 'succeeded') throw new Error('pay failed');
    const at = new Date();
    const refund = (no: string, fen: number, channelTxnId?: string) =>
      channel().refund({
        ...req,
        outRequestNo: no,
        refundRequestedAt: at,
        refundFen: fen,
        totalFen: 1000,
        ...(channelTxnId && { channelTxnId }),
      });
    const first = await refund(`${req.outTradeNo}R1`, 300, paid.channelTxnId);
    expect(first).toMatchObject({ status: 'succeeded', refundFen: 300 });
    expect(await refund(`${req.outTradeNo}R1`, 300, paid.channelTxnId)).toEqual(first);
    expect(await refund(`${req.outTradeNo}R2`, 701)).toMatchObject({
      status: 'failed',
      code: 'PAYMENT_REFUND_EXCEEDS_REMAINING',
      channelCode: '36',
    });
    expect(await refund(`${req.outTradeNo}R3`, 700)).toMatchObject({ status: 'succeeded' });
  });

  it('refuses order numbers UnionPay rejects (8-40 letters and digits) before sending', async () => {
    expect(await channel().pay({ ...payReq('6220000000000000011'), outTradeNo: 'T_1' })).toMatchObject({
      status: 'failed',
      code: 'PAYMENT_ORDER_NO_INVALID',
    });
  });

  it('parses ACP answers whose values hold = and bracketed &', () => {
    expect(parseAcpAnswer('respCode=00&signature=ab+c/d==&reserved={a=1&b=2}&x=')).toEqual({
      respCode: '00',
      signature: 'ab+c/d==',
      reserved: '{a=1&b=2}',
      x: '',
    });
    expect(parseAcpAnswer('<html>')).toBeUndefined();
  });
});
