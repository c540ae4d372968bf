import { err, ok, type Result } from '../../core/result.ts';
import type { PaymentRecord, PaymentStore } from '../ports/payment-store.port.ts';
import type { PaymentChannel, RefundAnswer } from '../ports/payment-channel.port.ts';
import type { OrphanRefund } from '../reconciliation/resolve-anomaly.ts';
import type { StoreContext } from '../store-context.ts';

export type OrphanRefundStatus = 'pending' | 'succeeded' | 'failed' | 'unknown';

/** One attempt to give an orphan payment's money back, as the payment's event log holds it. */
export type OrphanRefundState = {
  /** our refund id: out_request_no / out_refund_no / the UnionPay refund orderId */
  readonly refundId: string;
  /** when the attempt was first sent; a retry reuses it (UnionPay keys a refund by orderId + txnTime) */
  readonly requestedAt: string;
  readonly amountFen: number;
  readonly status: OrphanRefundStatus;
  readonly channelRefundId?: string;
  readonly errorCode?: string;
  readonly detail?: string;
};

type StateEvent = { readonly orphanRefund: OrphanRefundState };

/**
 * Refunds, through its channel, a QR payment that succeeded but no sale carries (支付成功但未出单):
 * the `refundOrphan` a manager's refund_orphan resolution calls (server/app/reconciliation/resolve-anomaly.ts).
 *
 * The attempt is written `pending` (payment_event row, audit row) before the channel is called. A
 * retry after an unknown answer or a crash sends the same refund id and request time again, so the
 * channel counts it once; a refund already accepted is not sent again. Only after a definite refusal
 * (no money moved) does the next attempt take a new id. Payments the box did not take, or that a
 * sale carries, are not refunded here: the resolution records the intent for a person to act on.
 */
export class OrphanRefunds {
  private readonly ctx: StoreContext;
  private readonly payments: PaymentStore;
  private readonly channels: ReadonlyMap<string, PaymentChannel>;
  private readonly inFlight = new Map<string, Promise<Result<Record<string, unknown>>>>();

  constructor(ctx: StoreContext, payments: PaymentStore, channels: readonly PaymentChannel[]) {
    this.ctx = ctx;
    this.payments = payments;
    this.channels = new Map(channels.map((c) => [c.channel, c]));
  }

  /** The orphan refund for the resolver (one attempt per payment at a time: a second caller shares the first's answer). */
  readonly refund: OrphanRefund = (request) => {
    const running = this.inFlight.get(request.merchantOrderNo);
    if (running) return running;
    const attempt = this.attempt(request).finally(() => this.inFlight.delete(request.merchantOrderNo));
    this.inFlight.set(request.merchantOrderNo, attempt);
    return attempt;
  };

  /** The latest refund attempt of a payment, if any. */
  state(paymentId: string): OrphanRefundState | undefined {
    let last: OrphanRefundState | undefined;
    for (const e of this.payments.events(paymentId)) {
      if (!e.detail?.startsWith('{"orphanRefund"')) continue;
      last = (JSON.parse(e.detail) as StateEvent).orphanRefund;
    }
    return last;
  }

  private async attempt(request: Parameters<OrphanRefund>[0]): Promise<Result<Record<string, unknown>>> {
    const intent = {
      refund: 'intent_recorded',
      channel: request.channel,
      merchantOrderNo: request.merchantOrderNo,
      amountFen: request.amountFen,
    };
    const p = request.merchantOrderNo ? this.payments.byId(request.merchantOrderNo) : undefined;
    if (!p || p.channel !== request.channel)
      return ok({ ...intent, why: 'no QR payment of this box has this order number' });
    if (p.saleId)
      return ok({
        ...intent,
        why: 'a sale carries this payment: the box refunds it only through a return',
        saleId: p.saleId,
      });
    if (p.status === 'failed' || p.status === 'cancelled')
      return ok({ ...intent, why: `the box recorded this payment as ${p.status}`, paymentStatus: p.status });
    if (p.status !== 'succeeded')
      return err('RECON_ORPHAN_PAYMENT_UNSETTLED', 'action', { paymentId: p.id, status: p.status });
    // not yet declared an orphan: a lane's open cart still holds it and may complete a sale with it
    if (!p.orphanedAt) return err('RECON_ORPHAN_PAYMENT_IN_CART', 'action', { paymentId: p.id, laneId: p.laneId });
    const channel = this.channels.get(p.channel);
    if (!channel) return err('PAYMENT_CHANNEL_NOT_CONFIGURED', 'action', { channel: p.channel });

    const previous = this.state(p.id);
    if (previous?.status === 'succeeded') return ok(issued(p, previous));
    // undecided (unknown, or pending after a crash): the same refund again; refused: a new one
    const again = previous && previous.status !== 'failed' ? previous : undefined;
    const state: OrphanRefundState = again
      ? { refundId: again.refundId, requestedAt: again.requestedAt, amountFen: again.amountFen, status: 'pending' }
      : {
          refundId: this.ctx.ids.compact(),
          requestedAt: this.at(),
          amountFen: request.amountFen,
          status: 'pending',
        };
    this.ctx.tx.run(() => {
      this.record(p, state);
      this.ctx.repos.audit.append({
        at: this.at(),
        actor: request.actor,
        action: 'payment.orphan_refund',
        subject: p.id,
        detail: {
          refundId: state.refundId,
          channel: p.channel,
          amountFen: state.amountFen,
          retry: again !== undefined,
          reason: request.reason,
        },
      });
    });

    const answer = await channel.refund({
      outTradeNo: p.id,
      requestedAt: new Date(p.requestedAt),
      outRequestNo: state.refundId,
      refundRequestedAt: new Date(state.requestedAt),
      refundFen: state.amountFen,
      totalFen: p.amountFen,
      ...(p.channelTxnId ? { channelTxnId: p.channelTxnId } : {}),
      reason: request.reason,
    });
    const decided = { ...state, ...outcomeOf(answer) };
    this.ctx.tx.run(() => {
      this.record(p, decided);
      if (decided.status === 'succeeded') {
        this.ctx.repos.outbox.append(
          'payment.orphan_refunded',
          {
            paymentId: p.id,
            channel: p.channel,
            refundId: decided.refundId,
            amountFen: decided.amountFen,
            channelRefundId: decided.channelRefundId ?? null,
          },
          this.at(),
        );
      }
    });
    this.ctx.log.info(
      { payment: p.id, refund: decided.refundId, status: decided.status, channel: p.channel },
      'orphan payment refund',
    );
    if (answer.status === 'succeeded') return ok(issued(p, decided));
    if (answer.status === 'failed')
      return err(answer.code, 'action', {
        channel: p.channel,
        channelCode: answer.channelCode,
        message: answer.message,
      });
    return err('RECON_ORPHAN_REFUND_UNKNOWN', 'action', { reason: answer.reason, refundId: decided.refundId });
  }

  private record(p: PaymentRecord, state: OrphanRefundState): void {
    this.payments.noteOnSucceeded(p.id, this.at(), JSON.stringify({ orphanRefund: state } satisfies StateEvent));
  }

  private at(): string {
    return this.ctx.clock.now().toISOString();
  }
}

function outcomeOf(
  answer: RefundAnswer,
): Pick<OrphanRefundState, 'status' | 'channelRefundId' | 'errorCode' | 'detail'> {
  if (answer.status === 'succeeded')
    return { status: 'succeeded', ...(answer.channelRefundId ? { channelRefundId: answer.channelRefundId } : {}) };
  if (answer.status === 'failed')
    return { status: 'failed', errorCode: answer.code, detail: `${answer.channelCode}: ${answer.message}` };
  return { status: 'unknown', errorCode: 'RECON_ORPHAN_REFUND_UNKNOWN', detail: `${answer.reason}: ${answer.detail}` };
}

function issued(p: PaymentRecord, s: OrphanRefundState): Record<string, unknown> {
  return {
    refund: 'issued',
    paymentId: p.id,
    channel: p.channel,
    refundId: s.refundId,
    amountFen: s.amountFen,
    ...(s.channelRefundId ? { channelRefundId: s.channelRefundId } : {}),
  };
}
