import type {
  CancelAnswer,
  ChannelAnswer,
  Failed,
  PaymentChannel,
  Succeeded,
  TradeRef,
} from '../ports/payment-channel.port.ts';

/**
 * After pay() answered `pending` or `unknown`: poll query() with backoff until the trade succeeds
 * or fails, or until the deadline, then cancel / reverse it. It only ever queries and cancels: a
 * second pay() for the same order number is never sent (that is how customers get charged twice).
 * Pure logic: the clock and sleep are injected, so tests run it on virtual time.
 */
export type SettleOptions = {
  /** How long the customer may take to confirm on the phone, from the first call. */
  readonly deadlineMs: number;
  /** First wait before querying (WeChat: 等待5秒 after USERPAYING; Alipay suggests a few seconds). */
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  /** Each wait is the previous one times this percentage (150 = ×1.5). */
  readonly backoffPercent: number;
  /** Cancel attempts after the deadline (Alipay retry_flag / WeChat recall ask for repeats). */
  readonly maxCancelAttempts: number;
};

export const defaultSettleOptions: SettleOptions = {
  deadlineMs: 60_000,
  firstDelayMs: 2_000,
  maxDelayMs: 10_000,
  backoffPercent: 150,
  maxCancelAttempts: 5,
};

export type SettleClock = {
  /** Milliseconds on any monotonic scale. */
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
};

export type Settlement =
  | { readonly outcome: 'succeeded'; readonly answer: Succeeded }
  | { readonly outcome: 'failed'; readonly answer: Failed }
  /** Deadline passed and the channel closed the trade; `refunded` if money had been taken. */
  | { readonly outcome: 'cancelled'; readonly refunded: boolean }
  /** Neither the result nor the cancel could be confirmed: leave the tender `unknown` for reconciliation. */
  | { readonly outcome: 'unknown'; readonly detail: string };

export type SettleStep =
  | { readonly call: 'query'; readonly answer: ChannelAnswer }
  | { readonly call: 'cancel'; readonly answer: CancelAnswer };

export async function settlePendingPayment(
  channel: PaymentChannel,
  ref: TradeRef,
  first: ChannelAnswer,
  clock: SettleClock,
  options: SettleOptions = defaultSettleOptions,
  observe: (step: SettleStep) => void = () => {},
): Promise<Settlement> {
  if (first.status === 'succeeded') return { outcome: 'succeeded', answer: first };
  if (first.status === 'failed') return { outcome: 'failed', answer: first };
  const deadline = clock.now() + options.deadlineMs;
  let delay = options.firstDelayMs;
  let last: ChannelAnswer = first;
  while (clock.now() < deadline) {
    await clock.sleep(Math.max(0, Math.min(delay, deadline - clock.now())));
    delay = Math.min(options.maxDelayMs, Math.ceil((delay * options.backoffPercent) / 100));
    last = await channel.query(ref);
    observe({ call: 'query', answer: last });
    if (last.status === 'succeeded') return { outcome: 'succeeded', answer: last };
    // "not found" may mean the pay request is still on its way: keep asking; the cancel settles it
    if (last.status === 'failed' && last.code !== 'PAYMENT_TRADE_NOT_FOUND') return { outcome: 'failed', answer: last };
  }
  return cancelAfterDeadline(channel, ref, clock, options, observe, describe(last));
}

async function cancelAfterDeadline(
  channel: PaymentChannel,
  ref: TradeRef,
  clock: SettleClock,
  options: SettleOptions,
  observe: (step: SettleStep) => void,
  lastSeen: string,
): Promise<Settlement> {
  let detail = lastSeen;
  for (let attempt = 0; attempt < options.maxCancelAttempts; attempt++) {
    if (attempt > 0) await clock.sleep(Math.min(options.maxDelayMs, options.firstDelayMs));
    const answer = await channel.cancel(ref);
    observe({ call: 'cancel', answer });
    if (answer.status === 'cancelled') return { outcome: 'cancelled', refunded: answer.refunded };
    if (answer.status === 'failed') {
      if (answer.code === 'PAYMENT_TRADE_NOT_FOUND') return { outcome: 'failed', answer };
      // The channel refuses to cancel (e.g. reversal window passed): its word on the trade decides.
      const final = await channel.query(ref);
      observe({ call: 'query', answer: final });
      if (final.status === 'succeeded') return { outcome: 'succeeded', answer: final };
      if (final.status === 'failed' && final.code !== 'PAYMENT_TRADE_NOT_FOUND')
        return { outcome: 'failed', answer: final };
      return { outcome: 'unknown', detail: `cancel refused (${answer.channelCode}); ${describe(final)}` };
    }
    detail = answer.status === 'retry' ? answer.detail : `${answer.reason}: ${answer.detail}`;
  }
  return { outcome: 'unknown', detail: `cancel not confirmed after ${options.maxCancelAttempts} attempts (${detail})` };
}

function describe(a: ChannelAnswer): string {
  switch (a.status) {
    case 'unknown':
      return `${a.reason}: ${a.detail}`;
    case 'failed':
      return `${a.code} (${a.channelCode})`;
    case 'pending':
      return a.detail;
    default:
      return a.status;
  }
}
