import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentChannel } from '../../../server/app/ports/payment-channel.port.ts';
import { createPaymentChannels } from '../../../server/adapters/payments/payment-channels.ts';
import { settlePendingPayment } from '../../../server/app/payments/settle-pending-payment.ts';
import { startPaymentSimulators, type ChannelSimulator, type PaymentSimulators } from './payment-simulators.ts';

/**
 * One conformance suite for every PaymentChannel (STYLE.md habit 11): the same scenarios, the same
 * expected port answers, whichever channel's wire format is underneath.
 */
let sims: PaymentSimulators;
let channels: PaymentChannel[];
const clock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
const settle = { deadlineMs: 3_000, firstDelayMs: 20, maxDelayMs: 50, backoffPercent: 150, maxCancelAttempts: 3 };

beforeAll(async () => {
  sims = await startPaymentSimulators({ timeoutMs: 600 });
  channels = createPaymentChannels(sims.config);
});
afterAll(() => sims.stop());

let seq = 0;
function req(code: string, amountFen: number) {
  return {
    outTradeNo: `C${Date.now()}${String(++seq).padStart(4, '0')}`,
    requestedAt: new Date(),
    amountFen,
    authCode: code,
    subject: 'conformance',
    storeId: 'S1',
    terminalId: '00000001',
  };
}

describe.each(['alipay', 'wechat', 'unionpay'] as const)('PaymentChannel conformance: %s', (id) => {
  const ch = () => channels.find((c) => c.channel === id)!;
  const sim = (): ChannelSimulator => sims[id];

  it('pay → query → refund in two parts → over-refund refused → cancel refunds the rest', async () => {
    const r = req('2800000000000000101', 1999);
    const paid = await ch().pay(r);
    expect(paid).toMatchObject({ status: 'succeeded', amountFen: 1999 });
    expect(await ch().query(r)).toMatchObject({ status: 'succeeded', amountFen: 1999 });
    const at = new Date();
    const refund = (no: string, fen: number) =>
      ch().refund({
        ...r,
        outRequestNo: `${r.outTradeNo}${no}`,
        refundRequestedAt: at,
        refundFen: fen,
        totalFen: 1999,
      });
    expect(await refund('R1', 999)).toMatchObject({ status: 'succeeded', refundFen: 999 });
    expect(await refund('R2', 1001)).toMatchObject({ status: 'failed', code: 'PAYMENT_REFUND_EXCEEDS_REMAINING' });
    expect(await refund('R3', 1000)).toMatchObject({ status: 'succeeded' });
  });

  it('declines, user-paying settlement and a hanging pay all end without a second pay', async () => {
    sim().script('2800000000000000102', { kind: 'decline', reason: 'balance' });
    sim().script('2800000000000000103', { kind: 'user-paying', queries: 2 });
    sim().script('2800000000000000104', { kind: 'late-success', hangMs: 3_000, successAfterMs: 100 });
    expect(await ch().pay(req('2800000000000000102', 100))).toMatchObject({
      status: 'failed',
      code: 'PAYMENT_INSUFFICIENT_BALANCE',
    });
    for (const code of ['2800000000000000103', '2800000000000000104']) {
      const r = req(code, 100);
      const settled = await settlePendingPayment(ch(), r, await ch().pay(r), clock, settle);
      expect(settled.outcome).toBe('succeeded');
      expect(sim().calls.filter((c) => c.outTradeNo === r.outTradeNo && c.op === 'pay')).toHaveLength(1);
    }
  });

  it('a tampered answer is never a success', async () => {
    sim().failNext('pay', { kind: 'bad-signature' });
    sim().failNext('query', { kind: 'bad-signature' });
    const answer = await ch().pay(req('2800000000000000105', 100));
    expect(answer).toMatchObject({ status: 'unknown', reason: 'bad-signature' });
  });
});
