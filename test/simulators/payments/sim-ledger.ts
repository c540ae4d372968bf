import type { PayBehaviour } from './behaviours.ts';

/** A simulated channel's in-memory order book: one trade per merchant order number. */
export type SimTrade = {
  readonly outTradeNo: string;
  readonly channelTxnId: string;
  readonly amountFen: number;
  readonly authCode: string;
  readonly subject: string;
  readonly createdAt: Date;
  /** Extra request data kept for channels that need it (UnionPay txnTime). */
  readonly extra: Readonly<Record<string, string>>;
  status: 'paying' | 'success' | 'closed' | 'declined';
  declineReason?: 'balance' | 'auth-code';
  paidAt?: Date;
  queriesLeft: number;
  outcome: 'succeed' | 'decline';
  succeedAt?: number;
  refunds: Map<string, { amountFen: number; at: Date }>;
};

export type PayOutcome =
  | { readonly kind: 'success'; readonly trade: SimTrade }
  | { readonly kind: 'paying'; readonly trade: SimTrade }
  | { readonly kind: 'declined'; readonly trade: SimTrade; readonly reason: 'balance' | 'auth-code' }
  | { readonly kind: 'system-error'; readonly trade: SimTrade }
  /** Same order number again with the same content: the existing trade's state. */
  | { readonly kind: 'repeat'; readonly trade: SimTrade }
  /** Same order number with a different amount, code or subject. */
  | { readonly kind: 'inconsistent'; readonly trade: SimTrade };

export type RefundOutcome =
  | { readonly kind: 'ok'; readonly trade: SimTrade; readonly refundedTotal: number; readonly repeat: boolean }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'not-paid' }
  | { readonly kind: 'exceeds' };

export type PayInput = {
  outTradeNo: string;
  amountFen: number;
  authCode: string;
  subject: string;
  extra?: Record<string, string>;
};

/**
 * Trade state machine shared by the three simulators; each maps these outcomes to its wire format.
 * Time comes from the injected clock so behaviours such as late success are deterministic.
 */
export class SimLedger {
  readonly #trades = new Map<string, SimTrade>();
  readonly #scripts = new Map<string, PayBehaviour>();
  readonly #now: () => Date;
  readonly #txnId: (seq: number) => string;
  #seq = 0;

  constructor(now: () => Date, txnId: (seq: number) => string) {
    this.#now = now;
    this.#txnId = txnId;
  }

  script(authCode: string, behaviour: PayBehaviour): void {
    this.#scripts.set(authCode, behaviour);
  }

  behaviourFor(authCode: string): PayBehaviour {
    return this.#scripts.get(authCode) ?? { kind: 'succeed' };
  }

  trades(): SimTrade[] {
    return [...this.#trades.values()].map((t) => this.#advance(t));
  }

  get(outTradeNo: string): SimTrade | undefined {
    const t = this.#trades.get(outTradeNo);
    return t && this.#advance(t);
  }

  pay(input: PayInput): PayOutcome {
    const existing = this.#trades.get(input.outTradeNo);
    if (existing) {
      const same =
        existing.amountFen === input.amountFen &&
        existing.authCode === input.authCode &&
        existing.subject === input.subject;
      return same ? { kind: 'repeat', trade: this.#advance(existing) } : { kind: 'inconsistent', trade: existing };
    }
    const behaviour = this.behaviourFor(input.authCode);
    const now = this.#now();
    const trade: SimTrade = {
      outTradeNo: input.outTradeNo,
      channelTxnId: this.#txnId(++this.#seq),
      amountFen: input.amountFen,
      authCode: input.authCode,
      subject: input.subject,
      createdAt: now,
      extra: input.extra ?? {},
      status: 'success',
      queriesLeft: 0,
      outcome: 'succeed',
      refunds: new Map(),
    };
    this.#trades.set(trade.outTradeNo, trade);
    switch (behaviour.kind) {
      case 'decline':
        trade.status = 'declined';
        trade.declineReason = behaviour.reason;
        return { kind: 'declined', trade, reason: behaviour.reason };
      case 'user-paying':
        trade.status = 'paying';
        trade.queriesLeft = behaviour.queries;
        trade.outcome = behaviour.outcome ?? 'succeed';
        return { kind: 'paying', trade };
      case 'late-success':
        trade.status = 'paying';
        trade.queriesLeft = Number.POSITIVE_INFINITY;
        trade.succeedAt = now.getTime() + behaviour.successAfterMs;
        return { kind: 'paying', trade };
      case 'system-error':
        trade.paidAt = now;
        return { kind: 'system-error', trade };
      default:
        trade.paidAt = now;
        return { kind: 'success', trade };
    }
  }

  /** A query is what moves a "user paying" trade on: the customer confirms while we ask. */
  query(outTradeNo: string): SimTrade | undefined {
    const trade = this.#trades.get(outTradeNo);
    if (!trade) return undefined;
    if (trade.status === 'paying' && Number.isFinite(trade.queriesLeft)) {
      trade.queriesLeft--;
      if (trade.queriesLeft <= 0) this.#settle(trade);
    }
    return this.#advance(trade);
  }

  /** Closes a trade; a paid one is refunded in full (Alipay action=refund, WeChat reverse). */
  cancel(outTradeNo: string): { kind: 'closed'; refunded: boolean; trade: SimTrade } | { kind: 'not-found' } {
    const found = this.#trades.get(outTradeNo);
    if (!found) return { kind: 'not-found' };
    const trade = this.#advance(found);
    const refunded = trade.status === 'success';
    trade.status = 'closed';
    return { kind: 'closed', refunded, trade };
  }

  refund(outTradeNo: string, outRequestNo: string, amountFen: number): RefundOutcome {
    const found = this.#trades.get(outTradeNo);
    if (!found) return { kind: 'not-found' };
    const trade = this.#advance(found);
    const previous = trade.refunds.get(outRequestNo);
    // the same refund request number again is the same refund, not a second one
    if (previous) return { kind: 'ok', trade, refundedTotal: refundedTotal(trade), repeat: true };
    if (trade.status !== 'success') return { kind: 'not-paid' };
    if (refundedTotal(trade) + amountFen > trade.amountFen) return { kind: 'exceeds' };
    trade.refunds.set(outRequestNo, { amountFen, at: this.#now() });
    return { kind: 'ok', trade, refundedTotal: refundedTotal(trade), repeat: false };
  }

  #advance(trade: SimTrade): SimTrade {
    if (trade.status === 'paying' && trade.succeedAt !== undefined && this.#now().getTime() >= trade.succeedAt)
      this.#settle(trade);
    return trade;
  }

  #settle(trade: SimTrade): void {
    if (trade.outcome === 'succeed') {
      trade.status = 'success';
      trade.paidAt = this.#now();
    } else {
      trade.status = 'declined';
      trade.declineReason = 'balance';
    }
  }
}

export function refundedTotal(trade: SimTrade): number {
  let total = 0;
  for (const r of trade.refunds.values()) total += r.amountFen;
  return total;
}
