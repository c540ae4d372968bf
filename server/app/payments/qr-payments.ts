import { performance } from 'node:perf_hooks';
import { channelOfAuthCode, isOpen, type PaymentStatus } from '../../core/payments/index.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Service } from '../../runtime/service.ts';
import type { ChannelAnswer, PaymentChannel, TradeRef } from '../ports/payment-channel.port.ts';
import type { OrphanReason, PaymentRecord, PaymentStore } from '../ports/payment-store.port.ts';
import type { StoreContext } from '../store-context.ts';
import { maskAuthCode } from './mask-auth-code.ts';
import {
  settlePendingPayment,
  type SettleClock,
  type SettleOptions,
  type Settlement,
} from './settle-pending-payment.ts';

export type QrPayRequest = {
  laneId: string;
  cartId: string;
  cashier: string;
  transaction: string;
  authCode: string;
  amountFen: number;
};

/**
 * Told when a payment the lane stopped waiting for is decided (recovery, late answers). Returns
 * true when a live cart took the result; a succeeded payment nobody takes becomes an orphan.
 */
export type SettledListener = (payment: PaymentRecord) => Promise<boolean>;

export type QrPaymentsOptions = { settle: SettleOptions; recoveryIntervalMs: number };

class Stopped extends Error {}

/**
 * One payment's wait for the channel. `cancel()` makes the settle driver's deadline pass at once
 * (it then cancels / reverses at the channel); `halt()` ends the wait with no further call, for
 * shutdown: the row stays pending and the recovery service settles it at the next start.
 */
class PaymentWait {
  private cancelRequested = false;
  private halted = false;
  private wake: (() => void) | undefined;
  private abort: (() => void) | undefined;

  readonly clock: SettleClock = {
    now: () => (this.cancelRequested ? Number.POSITIVE_INFINITY : performance.now()),
    sleep: (ms) =>
      new Promise<void>((resolve, reject) => {
        if (this.halted) return reject(new Stopped());
        if (this.cancelRequested) return resolve();
        const timer = setTimeout(resolve, ms);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
        this.abort = () => {
          clearTimeout(timer);
          reject(new Stopped());
        };
      }),
  };

  get cancelling(): boolean {
    return this.cancelRequested;
  }

  cancel(): void {
    this.cancelRequested = true;
    this.wake?.();
  }

  halt(): void {
    this.halted = true;
    this.abort?.();
  }
}

type InFlight = { payment: PaymentRecord; wait: PaymentWait; done: Promise<PaymentRecord> };

/**
 * QR payments (付款码) at the lanes: the state is written before every call to the channel
 * (created → pending → ...), a lane message retried with the same transaction id finds its row
 * and never pays again, a cart has at most one payment in flight, and whatever is left pending or
 * unknown — a lane that gave up, a crash — is queried and settled by `recover()`, at start and
 * then periodically.
 */
export class QrPayments implements Service {
  readonly name = 'payments';
  private readonly ctx: StoreContext;
  private readonly repo: PaymentStore;
  private readonly channels: ReadonlyMap<string, PaymentChannel>;
  private readonly options: QrPaymentsOptions;
  private readonly inFlight = new Map<string, InFlight>();
  private listener: SettledListener = async () => false;
  private stopped = true;
  private timer: NodeJS.Timeout | undefined;
  private recovering: Promise<RecoveryReport> | undefined;
  /** the first recovery after a start finds what a crash or stop left behind */
  private afterRestart = true;

  constructor(ctx: StoreContext, repo: PaymentStore, channels: readonly PaymentChannel[], options: QrPaymentsOptions) {
    this.ctx = ctx;
    this.repo = repo;
    this.channels = new Map(channels.map((c) => [c.channel, c]));
    this.options = options;
  }

  onSettled(listener: SettledListener): void {
    this.listener = listener;
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.afterRestart = true;
    // carts live in memory: a succeeded payment no sale took before the restart never will
    for (const p of this.repo.unattached()) this.orphan(p, 'restart');
    void this.recover();
    this.timer = setInterval(() => void this.recover(), this.options.recoveryIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    for (const f of this.inFlight.values()) f.wait.halt();
  }

  byId(id: string): PaymentRecord | undefined {
    return this.repo.byId(id);
  }

  /** The payment a lane message already started (a retry carries the same transaction id). */
  forTransaction(laneId: string, transaction: string): PaymentRecord | undefined {
    return this.repo.byLaneTransaction(laneId, transaction);
  }

  /** The payment a lane has in flight, if any. */
  inFlightFor(laneId: string): PaymentRecord | undefined {
    for (const f of this.inFlight.values()) if (f.payment.laneId === laneId) return f.payment;
    return undefined;
  }

  /**
   * Pays with a scanned code and waits until the channel decides or the lane's deadline passes
   * (then it cancels / reverses). A retry with the same lane transaction answers the first
   * payment (waiting for it if it is still going) and never calls the channel again.
   */
  async pay(req: QrPayRequest): Promise<Result<PaymentRecord>> {
    const earlier = this.repo.byLaneTransaction(req.laneId, req.transaction);
    if (earlier) {
      // the same transaction id for another cart or another code is not a retry
      if (earlier.cartId !== req.cartId || earlier.authCodeMasked !== maskAuthCode(req.authCode))
        return err('IDEMPOTENCY_CONFLICT', 'transaction', { transaction: req.transaction });
      return ok(await (this.inFlight.get(earlier.id)?.done ?? earlier));
    }
    const channelId = channelOfAuthCode(req.authCode);
    if (!channelId) return err('PAYMENT_CODE_UNRECOGNISED', 'authCode');
    const channel = this.channels.get(channelId);
    if (!channel) return err('PAYMENT_CHANNEL_NOT_CONFIGURED', 'authCode', { channel: channelId });
    for (const f of this.inFlight.values())
      if (f.payment.cartId === req.cartId) return err('PAYMENT_IN_PROGRESS', 'cart');

    const now = this.ctx.clock.now();
    const created = this.repo.insert(
      {
        id: this.ctx.ids.compact(),
        laneId: req.laneId,
        cartId: req.cartId,
        cashier: req.cashier,
        laneTransaction: req.transaction,
        channel: channelId,
        amountFen: req.amountFen,
        authCodeMasked: maskAuthCode(req.authCode),
        requestedAt: now.toISOString(),
      },
      now.toISOString(),
    );
    // persisted BEFORE the call goes out: a crash from here on leaves a row recovery will settle
    const pending = this.repo.transition(created.id, 'pending', this.at());
    const wait = new PaymentWait();
    const done = this.track(pending, wait, async () => {
      const store = this.ctx.repos.store.get()!;
      const first = await channel.pay({
        ...refOf(pending),
        amountFen: pending.amountFen,
        authCode: req.authCode,
        subject: `${store.nameZh} ${req.laneId}`,
        storeId: store.id,
        terminalId: terminalIdOf(req.laneId),
      });
      return this.settle(channel, pending, first, wait, this.options.settle);
    });
    return ok(await done);
  }

  /** The lane asks to stop waiting: the payment in flight is cancelled / reversed at the channel. */
  requestCancel(laneId: string): PaymentRecord | undefined {
    for (const f of this.inFlight.values()) {
      if (f.payment.laneId !== laneId) continue;
      f.wait.cancel();
      return f.payment;
    }
    return undefined;
  }

  /** Decides a payment left `unknown` now: query, and cancel / reverse it if the channel has not taken it. */
  async resolve(id: string): Promise<Result<PaymentRecord>> {
    const p = this.repo.byId(id);
    if (!p) return err('PAYMENT_NOT_FOUND', 'paymentId');
    const running = this.inFlight.get(id);
    if (running) return ok(await running.done);
    if (!isOpen(p.status)) return ok(p);
    return ok(await this.settleExisting(p, 0, false));
  }

  /** A cart that will never complete (voided): its succeeded payments are orphans for reconciliation. */
  abandonCart(paymentIds: readonly string[], reason: OrphanReason): void {
    for (const id of paymentIds) {
      const p = this.repo.byId(id);
      if (p?.status === 'succeeded') this.orphan(p, reason);
    }
  }

  /**
   * Settles every payment left created, pending or unknown that no lane is waiting for: query
   * the channel; a trade still undecided past the deadline (counted from when it was first sent)
   * is cancelled / reversed. Decided payments go to their lane's cart if it is still open, else a
   * succeeded one is recorded as an orphan (支付成功但未出单).
   */
  recover(): Promise<RecoveryReport> {
    this.recovering ??= this.recoverAll().finally(() => (this.recovering = undefined));
    return this.recovering;
  }

  private async recoverAll(): Promise<RecoveryReport> {
    const report: RecoveryReport = { checked: 0, settled: {} };
    for (const p of this.repo.open()) {
      if (this.stopped) break;
      if (this.inFlight.has(p.id)) continue;
      const remaining = Date.parse(p.requestedAt) + this.options.settle.deadlineMs - this.ctx.clock.now().getTime();
      try {
        const after = await this.settleExisting(p, Math.max(0, remaining), true);
        report.checked++;
        report.settled[after.status] = (report.settled[after.status] ?? 0) + 1;
      } catch (e) {
        if (!(e instanceof Stopped)) this.ctx.log.error({ err: e, payment: p.id }, 'payment recovery failed');
      }
    }
    this.afterRestart = false;
    return report;
  }

  /** `notify`: tell the lane's cart (not when the lane itself asked: it is waiting in its own queue). */
  private async settleExisting(p: PaymentRecord, deadlineMs: number, notify: boolean): Promise<PaymentRecord> {
    const channel = this.channels.get(p.channel);
    if (!channel) return p; // channel no longer configured: left for reconciliation
    const wait = new PaymentWait();
    const decided = await this.track(p, wait, async () => {
      const first = await channel.query(refOf(p));
      return this.settle(channel, p, first, wait, { ...this.options.settle, deadlineMs });
    });
    if (notify && decided.status !== p.status && !this.stopped) await this.tellLane(decided);
    return this.repo.byId(p.id) ?? decided;
  }

  private track(p: PaymentRecord, wait: PaymentWait, work: () => Promise<PaymentRecord>): Promise<PaymentRecord> {
    const done = work()
      .catch((e) => {
        // shutting down: the row stays as stored, the next start's recovery settles it
        if (e instanceof Stopped) return p;
        throw e;
      })
      .finally(() => this.inFlight.delete(p.id));
    this.inFlight.set(p.id, { payment: p, wait, done });
    return done;
  }

  private async settle(
    channel: PaymentChannel,
    p: PaymentRecord,
    first: ChannelAnswer,
    wait: PaymentWait,
    options: SettleOptions,
  ): Promise<PaymentRecord> {
    if (this.stopped) throw new Stopped();
    const log = this.ctx.log.child({ payment: p.id, channel: p.channel, lane: p.laneId });
    const settlement = await settlePendingPayment(channel, refOf(p), first, wait.clock, options, (step) =>
      log.info({ call: step.call, status: step.answer.status }, 'payment step'),
    );
    if (this.stopped) throw new Stopped();
    const [status, outcome] = statusOf(settlement);
    const from = this.repo.byId(p.id)!;
    if (from.status === status) return from;
    const next = this.repo.transition(p.id, status, this.at(), outcome);
    log.info({ status, cancelledByLane: wait.cancelling }, 'payment settled');
    return next;
  }

  private async tellLane(p: PaymentRecord): Promise<void> {
    const taken = await this.listener(p);
    if (!taken && p.status === 'succeeded') this.orphan(p, this.afterRestart ? 'restart' : 'late_success');
  }

  private orphan(p: PaymentRecord, reason: OrphanReason): void {
    const at = this.at();
    if (!this.repo.markOrphan(p.id, reason, at)) return;
    this.ctx.log.warn(
      { payment: p.id, channel: p.channel, amountFen: p.amountFen, reason },
      'payment succeeded but no sale carries it (支付成功但未出单)',
    );
    this.ctx.repos.outbox.append(
      'payment.orphaned',
      {
        paymentId: p.id,
        channel: p.channel,
        amountFen: p.amountFen,
        channelTxnId: p.channelTxnId,
        laneId: p.laneId,
        reason,
      },
      at,
    );
  }

  private at(): string {
    return this.ctx.clock.now().toISOString();
  }
}

export type RecoveryReport = { checked: number; settled: Partial<Record<PaymentStatus, number>> };

function refOf(p: PaymentRecord): TradeRef {
  return { outTradeNo: p.id, requestedAt: new Date(p.requestedAt) };
}

/** UnionPay's termId is 8 letters or digits; the lane id fits it. */
function terminalIdOf(laneId: string): string {
  return laneId
    .replace(/[^0-9A-Za-z]/g, '')
    .padStart(8, '0')
    .slice(-8);
}

function statusOf(
  s: Settlement,
): [PaymentStatus, { channelTxnId?: string; paidAt?: string; errorCode?: string; detail?: string }] {
  switch (s.outcome) {
    case 'succeeded':
      return ['succeeded', { channelTxnId: s.answer.channelTxnId, paidAt: s.answer.paidAt }];
    case 'failed':
      return ['failed', { errorCode: s.answer.code, detail: `${s.answer.channelCode}: ${s.answer.message}` }];
    case 'cancelled':
      return ['cancelled', { detail: s.refunded ? 'reversed: money went back' : 'closed before payment' }];
    default:
      return ['unknown', { errorCode: 'PAYMENT_RESULT_UNKNOWN', detail: s.detail }];
  }
}
