import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CancelAnswer, ChannelAnswer, PaymentChannel } from '../ports/payment-channel.port.ts';
import { settlePendingPayment, type SettleOptions } from './settle-pending-payment.ts';

const ref = { outTradeNo: 'T1', requestedAt: new Date('2024-05-01T02:00:00Z') };
const options: SettleOptions = {
  deadlineMs: 60_000,
  firstDelayMs: 2_000,
  maxDelayMs: 10_000,
  backoffPercent: 150,
  maxCancelAttempts: 3,
};
const paid: ChannelAnswer = {
  status: 'succeeded',
  channelTxnId: 'X',
  paidAt: '2024-05-01T10:00:05+08:00',
  amountFen: 100,
};
const pending: ChannelAnswer = { status: 'pending', detail: 'USERPAYING' };

/** Virtual time: sleep advances the clock, so a minute-long settle runs instantly. */
function virtualClock() {
  let t = 0;
  const sleeps: number[] = [];
  return { sleeps, now: () => t, sleep: async (ms: number) => void (sleeps.push(ms), (t += ms)) };
}

function scripted(queries: ChannelAnswer[], cancels: CancelAnswer[] = [{ status: 'cancelled', refunded: false }]) {
  const log: string[] = [];
  const channel: PaymentChannel = {
    channel: 'alipay',
    pay: async () => {
      log.push('pay');
      return paid;
    },
    query: async () => {
      log.push('query');
      return queries.length > 1 ? queries.shift()! : queries[0];
    },
    cancel: async () => {
      log.push('cancel');
      return cancels.length > 1 ? cancels.shift()! : cancels[0];
    },
    refund: async () => ({ status: 'unknown', reason: 'network', detail: 'unused' }),
  };
  return { channel, log };
}

describe('settlePendingPayment', () => {
  it('polls with growing waits until the trade succeeds', async () => {
    const clock = virtualClock();
    const { channel, log } = scripted([pending, pending, pending, paid]);
    expect(await settlePendingPayment(channel, ref, pending, clock, options)).toEqual({
      outcome: 'succeeded',
      answer: paid,
    });
    expect(log).toEqual(['query', 'query', 'query', 'query']);
    expect(clock.sleeps).toEqual([2_000, 3_000, 4_500, 6_750]);
  });

  it('cancels at the deadline, repeating while the channel asks to retry', async () => {
    const clock = virtualClock();
    const { channel, log } = scripted(
      [pending],
      [
        { status: 'retry', detail: 'retry_flag=Y' },
        { status: 'cancelled', refunded: true },
      ],
    );
    expect(await settlePendingPayment(channel, ref, pending, clock, options)).toEqual({
      outcome: 'cancelled',
      refunded: true,
    });
    expect(log.filter((c) => c === 'cancel')).toHaveLength(2);
    expect(clock.now()).toBeGreaterThanOrEqual(60_000);
  });

  it('a refused cancel defers to a final query', async () => {
    // 9 polls fit in the 60 s deadline (waits 2, 3, 4.5, 6.75, 10, 10, 10, 10 s and the 3.75 s left)
    const { channel, log } = scripted(
      [...Array<ChannelAnswer>(9).fill(pending), paid],
      [{ status: 'failed', code: 'PAYMENT_CANCEL_REJECTED', channelCode: 'REVERSE_EXPIRE', message: '' }],
    );
    expect(await settlePendingPayment(channel, ref, pending, virtualClock(), options)).toMatchObject({
      outcome: 'succeeded',
    });
    expect(log.slice(-3)).toEqual(['query', 'cancel', 'query']);
  });

  it('gives up as unknown when no cancel is confirmed', async () => {
    const { channel } = scripted(
      [{ status: 'unknown', reason: 'timeout', detail: 'x' }],
      [{ status: 'unknown', reason: 'network', detail: 'ECONNREFUSED' }],
    );
    const settled = await settlePendingPayment(channel, ref, pending, virtualClock(), options);
    expect(settled).toMatchObject({ outcome: 'unknown' });
  });

  it('a trade never found ends failed (not found) after the cancel', async () => {
    const notFound: ChannelAnswer = {
      status: 'failed',
      code: 'PAYMENT_TRADE_NOT_FOUND',
      channelCode: 'ACQ.TRADE_NOT_EXIST',
      message: '',
    };
    const { channel, log } = scripted([notFound], [notFound as CancelAnswer]);
    expect(
      await settlePendingPayment(
        channel,
        ref,
        { status: 'unknown', reason: 'timeout', detail: '' },
        virtualClock(),
        options,
      ),
    ).toMatchObject({
      outcome: 'failed',
      answer: { code: 'PAYMENT_TRADE_NOT_FOUND' },
    });
    expect(log.at(-1)).toBe('cancel');
  });

  it('property: never pays, never sleeps past the deadline by more than one wait, ends in a settled outcome', async () => {
    const answer = fc.oneof(
      fc.constant<ChannelAnswer>(pending),
      fc.constant<ChannelAnswer>(paid),
      fc.constant<ChannelAnswer>({ status: 'unknown', reason: 'timeout', detail: '' }),
      fc.constant<ChannelAnswer>({ status: 'failed', code: 'PAYMENT_DECLINED', channelCode: 'X', message: '' }),
      fc.constant<ChannelAnswer>({ status: 'failed', code: 'PAYMENT_TRADE_NOT_FOUND', channelCode: 'X', message: '' }),
    );
    const cancel = fc.oneof(
      fc.constant<CancelAnswer>({ status: 'cancelled', refunded: false }),
      fc.constant<CancelAnswer>({ status: 'retry', detail: '' }),
      fc.constant<CancelAnswer>({ status: 'unknown', reason: 'network', detail: '' }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(answer, { minLength: 1, maxLength: 40 }),
        fc.array(cancel, { minLength: 1, maxLength: 5 }),
        async (queries, cancels) => {
          const clock = virtualClock();
          const { channel, log } = scripted([...queries], [...cancels]);
          const settled = await settlePendingPayment(channel, ref, pending, clock, options);
          expect(log).not.toContain('pay');
          expect(clock.now()).toBeLessThanOrEqual(options.deadlineMs + options.maxCancelAttempts * options.maxDelayMs);
          expect(log.filter((c) => c === 'cancel').length).toBeLessThanOrEqual(options.maxCancelAttempts);
          expect(['succeeded', 'failed', 'cancelled', 'unknown']).toContain(settled.outcome);
          if (settled.outcome === 'succeeded') expect(log.filter((c) => c === 'cancel')).toHaveLength(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});
