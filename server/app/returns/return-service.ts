import { formatDecimalYuan } from '../../core/money/index.ts';
import { TENDER_LABELS, type TenderKind } from '../../core/payments/index.ts';
import { roleAllows, type Role } from '../../core/staff/role.ts';
import { err, ok, type Err, type Result } from '../../core/result.ts';
import {
  buildRefundReceipt,
  paidAmounts,
  refundLines,
  refundToTenders,
  withinReturnWindow,
  type TenderRefund,
} from '../../core/returns/index.ts';
import type { Service } from '../../runtime/service.ts';
import type { ChannelId, PaymentChannel } from '../ports/payment-channel.port.ts';
import { approvingStaff } from '../staff/staff-approval.ts';
import type { StoreContext } from '../store-context.ts';
import { storeLocalTime } from '../store-time.ts';
import type { PaymentStore } from '../ports/payment-store.port.ts';
import type { RefundRecord, RefundStore, RefundTenderRecord } from '../ports/refund-store.port.ts';
import type { RefundEffect, SaleSummary } from './refund-effect.ts';

export type ReturnRequest = {
  /** made by the caller before sending (32 hex): a retry with the same id answers the first refund */
  refundId: string;
  saleId: string;
  lines: ReadonlyArray<{ lineNo: number; quantity: number }>;
  /** original tenders (原路退回) by default; cash or stored value need a supervisor */
  refundTo?: 'original' | 'cash' | 'stored_value';
  reason?: string;
  /** an exchange: the new sale the customer took instead */
  exchangeSaleId?: string;
  supervisor?: { username: string; password: string };
};

/** who is at the screen; a supervisor's (or manager's) own session approves its own refunds */
export type Actor = { username: string; laneId: string | null; role: Role };

export type ReturnView = RefundRecord & {
  lines: ReturnType<RefundStore['lines']>;
  tenders: RefundTenderRecord[];
  replayed: boolean;
};

const QR: readonly TenderKind[] = ['alipay', 'wechat', 'unionpay'];

function supervisorRequired(limitFen: number): Err {
  return err('RETURN_SUPERVISOR_REQUIRED', 'supervisor', { limit: formatDecimalYuan(limitFen) });
}

class Refused extends Error {
  readonly result: Err;
  constructor(result: Err) {
    super(result.code);
    this.result = result;
  }
}

/** The store setting `returnWindowDays` (default 30): a sale may be returned up to that many days after its business date. */
const DEFAULT_RETURN_WINDOW_DAYS = 30;
/** The store setting `refundSupervisorAboveFen` (default 0): a refund above it needs a supervisor. */
const DEFAULT_REFUND_SUPERVISOR_ABOVE_FEN = 0;

/** How the refund slip names a discount share given back (promotions by their id). */
const SHARE_LABELS: Readonly<Record<string, (sourceId: string) => string>> = {
  coupon: (code) => `优惠券 ${code}`,
  points: () => '积分抵现',
  rounding: () => '抹零',
};

/**
 * Returns and exchanges. The refund is read from the sale's stored shares (core/returns), written
 * in ONE transaction with its lines, the discount shares given back, where the money goes, the
 * the outbox row, the audit entry and the refund effects (stock back on the shelf, loyalty); nothing is written
 * when any check fails. QR refunds are then sent to the channel with their state already stored
 * (`pending`); one left unconfirmed is retried with the same out_request_no until it is.
 */
export class ReturnService implements Service {
  readonly name = 'returns';
  private readonly ctx: StoreContext;
  private readonly refunds: RefundStore;
  private readonly payments: PaymentStore;
  private readonly channels: ReadonlyMap<ChannelId, PaymentChannel>;
  private readonly effects: readonly RefundEffect[];
  private readonly retryMs: number;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(deps: {
    ctx: StoreContext;
    refunds: RefundStore;
    payments: PaymentStore;
    channels: readonly PaymentChannel[];
    effects?: readonly RefundEffect[];
    retryMs: number;
  }) {
    this.ctx = deps.ctx;
    this.refunds = deps.refunds;
    this.payments = deps.payments;
    this.channels = new Map(deps.channels.map((c) => [c.channel, c]));
    this.effects = deps.effects ?? [];
    this.retryMs = deps.retryMs;
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.timer = setInterval(() => void this.retryOpen(), this.retryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** A sale by receipt number (小票号) or e-receipt id (the sale id in the receipt's QR code). */
  findSale(query: string): SaleSummary | undefined {
    const q = query.startsWith('sb:receipt:') ? query.slice('sb:receipt:'.length) : query;
    return this.ctx.repos.sales.byReceiptNo(q) ?? this.ctx.repos.sales.byId(q);
  }

  view(refundId: string, replayed = false): ReturnView | undefined {
    const r = this.refunds.byId(refundId);
    return r && { ...r, lines: this.refunds.lines(r.id), tenders: this.refunds.tenders(r.id), replayed };
  }

  async createReturn(actor: Actor, req: ReturnRequest): Promise<Result<ReturnView>> {
    const refundTo = req.refundTo ?? 'original';
    const hash = this.ctx.secrets.sha256Hex(
      JSON.stringify([req.saleId, req.lines, refundTo, req.exchangeSaleId ?? null]),
    );
    const earlier = this.refunds.byId(req.refundId);
    if (earlier)
      return earlier.contentSha256 === hash
        ? ok(this.view(earlier.id, true)!)
        : err('IDEMPOTENCY_CONFLICT', 'refundId', { refundId: req.refundId });

    const sale = this.ctx.repos.sales.byId(req.saleId);
    if (!sale) return err('SALE_NOT_FOUND', 'saleId');
    const store = this.ctx.repos.store.get()!;
    const now = this.ctx.clock.now();
    const local = storeLocalTime(now, store.timezone);
    const windowDays =
      typeof store.settings.returnWindowDays === 'number'
        ? store.settings.returnWindowDays
        : DEFAULT_RETURN_WINDOW_DAYS;
    if (!withinReturnWindow(sale.businessDate, local.date, windowDays))
      return err('RETURN_WINDOW_CLOSED', 'saleId', { days: windowDays });
    // credentials typed in are checked whenever given; whether a supervisor is needed depends on the
    // amount, known only inside the transaction (write), and on the target
    const limitFen =
      typeof store.settings.refundSupervisorAboveFen === 'number'
        ? store.settings.refundSupervisorAboveFen
        : DEFAULT_REFUND_SUPERVISOR_ABOVE_FEN;
    let supervisor: string | null = null;
    if (req.supervisor !== undefined) {
      const sup = await this.checkSupervisor(req.supervisor, limitFen);
      if (!sup.ok) return sup;
      supervisor = sup.value;
    } else if (roleAllows(actor.role, 'supervisor')) supervisor = actor.username;
    if (refundTo !== 'original' && supervisor === null) return supervisorRequired(limitFen);
    if (req.exchangeSaleId !== undefined) {
      const next = this.ctx.repos.sales.byId(req.exchangeSaleId);
      if (!next || next.id === sale.id) return err('RETURN_EXCHANGE_SALE_INVALID', 'exchangeSaleId');
    }

    const at = now.toISOString();
    let written: RefundRecord;
    try {
      written = this.ctx.tx.run(() => this.write(actor, req, refundTo, supervisor, limitFen, sale, hash, at, local));
    } catch (e) {
      if (e instanceof Refused) return e.result;
      throw e;
    }
    await this.payOut(written.id);
    return ok(this.view(written.id)!);
  }

  /** Everything inside the one transaction; a refusal throws Refused so nothing stays written. */
  private write(
    actor: Actor,
    req: ReturnRequest,
    refundTo: 'original' | 'cash' | 'stored_value',
    supervisor: string | null,
    limitFen: number,
    sale: SaleSummary,
    hash: string,
    at: string,
    local: ReturnType<typeof storeLocalTime>,
  ): RefundRecord {
    const saleLines = this.ctx.repos.sales.lines(sale.id);
    const shares = this.refunds.saleDiscounts(sale.id);
    const stored = saleLines.map((l) => ({
      lineNo: l.lineNo,
      quantity: l.quantity,
      netFen: l.netFen,
      taxFen: l.taxFen,
      discounts: shares.filter((d) => d.lineNo === l.lineNo).map((d) => d.amountFen),
      pointsRedeemed: l.pointsRedeemed,
    }));
    const returned = this.refunds.returnedQuantities(sale.id);
    const computed = refundLines(stored, returned, req.lines);
    if (!computed.ok) throw new Refused(computed);
    if (computed.value.netFen > limitFen && supervisor === null) throw new Refused(supervisorRequired(limitFen));
    const saleTenders = this.refunds.saleTenders(sale.id);
    const refunded = this.refunds.refundedByTender(sale.id);
    const paid = paidAmounts(saleTenders, sale.changeFen).map((t) => ({ ...t, refundedFen: refunded.get(t.id) ?? 0 }));
    const split = refundToTenders(paid, computed.value.netFen);
    if (!split.ok) throw new Refused(split);
    if (refundTo === 'stored_value' && this.effects.length === 0)
      throw new Refused(err('RETURN_REFUND_TARGET_UNAVAILABLE', 'refundTo', { target: '储值' }));

    const refundTenders: RefundTenderRecord[] = split.value.map((s) =>
      this.refundTender(s, refundTo, at, req.refundId),
    );
    const store = this.ctx.repos.store.get()!;
    const receiptNo = `${sale.receiptNo}-R${this.refunds.countForSale(sale.id) + 1}`;
    const lines = computed.value.lines.map((l) => {
      const saleLine = saleLines.find((s) => s.lineNo === l.lineNo)!;
      const lineShares = shares
        .filter((d) => d.lineNo === l.lineNo)
        .map((d) => ({ sourceKind: d.sourceKind, sourceId: d.sourceId }));
      return {
        ...l,
        lineId: saleLine.lineId,
        sku: saleLine.sku,
        name: saleLine.nameZh,
        unit: saleLine.unit,
        unitPriceFen: saleLine.unitPriceFen,
        saleNetFen: saleLine.netFen,
        saleQuantity: saleLine.quantity,
        shares: lineShares,
      };
    });
    const receipt = buildRefundReceipt({
      store: { name: store.nameZh },
      refundId: req.refundId,
      receiptNo,
      originalReceiptNo: sale.receiptNo,
      laneId: actor.laneId ?? '',
      cashier: actor.username,
      printedAt: `${local.date} ${local.time}`,
      lines,
      discountLabels: lines.map((l) =>
        shares.filter((d) => d.lineNo === l.lineNo).map((d) => SHARE_LABELS[d.sourceKind]?.(d.sourceId) ?? d.sourceId),
      ),
      notes: this.effects.flatMap((e) => e.slipLines?.({ sale, lines }) ?? []),
      tenders: refundTenders.map((t) => ({ label: `退${TENDER_LABELS[t.kind].zh}`, amountFen: t.amountFen })),
      openDrawer: refundTenders.some((t) => t.kind === 'cash'),
    });
    const refund: RefundRecord = {
      id: req.refundId,
      saleId: sale.id,
      receiptNo,
      laneId: actor.laneId,
      cashier: actor.username,
      supervisor,
      kind: req.exchangeSaleId ? 'exchange' : 'return',
      exchangeSaleId: req.exchangeSaleId ?? null,
      refundTo,
      grossFen: computed.value.grossFen,
      discountFen: computed.value.discountFen,
      refundFen: computed.value.netFen,
      taxFen: computed.value.taxFen,
      status: refundTenders.every((t) => t.status === 'succeeded') ? 'completed' : 'pending',
      reason: req.reason ?? null,
      businessDate: local.date,
      createdAt: at,
      completedAt: null,
      contentSha256: hash,
      receipt,
    };
    if (refund.status === 'completed') refund.completedAt = at;
    this.refunds.insert(
      refund,
      lines.map((l) => ({ ...l, discounts: l.discounts.map((amountFen, i) => ({ seq: i + 1, amountFen })) })),
      refundTenders,
    );
    const allLines = saleLines.every(
      (l) =>
        (returned.get(l.lineNo) ?? 0) + (req.lines.find((r) => r.lineNo === l.lineNo)?.quantity ?? 0) === l.quantity,
    );
    for (const effect of this.effects) {
      const outcome = effect.apply({ refund, sale, lines, tenders: refundTenders, fullRefund: allLines });
      if (outcome && !outcome.ok) throw new Refused(outcome);
    }
    this.ctx.repos.outbox.append(
      'refund.created',
      { ...refund, receipt: undefined, lines: computed.value.lines, tenders: refundTenders },
      at,
    );
    this.ctx.repos.audit.append({
      at,
      actor: supervisor ?? actor.username,
      action: refund.kind === 'exchange' ? 'sale.exchanged' : 'sale.returned',
      subject: sale.id,
      detail: {
        refundId: refund.id,
        refundFen: refund.refundFen,
        refundTo,
        cashier: actor.username,
        lines: req.lines.map((l) => `${l.lineNo}×${l.quantity}`).join(','),
      },
    });
    return refund;
  }

  /**
   * Where one share of the refund goes. Original tender: cash leaves the drawer now, a card is
   * refunded on its terminal, a QR refund is sent to its channel after the commit (stored here
   * as pending first), loyalty tenders are paid back by the refund effects. A supervisor may send
   * it all to cash or stored value instead.
   */
  private refundTender(
    s: TenderRefund,
    refundTo: 'original' | 'cash' | 'stored_value',
    at: string,
    refundId: string,
  ): RefundTenderRecord {
    const kind: TenderKind = refundTo === 'cash' ? 'cash' : refundTo === 'stored_value' ? 'stored_value' : s.kind;
    const status = QR.includes(kind) ? 'pending' : 'succeeded';
    return {
      id: this.ctx.ids.compact(),
      refundId,
      tenderId: s.tenderId,
      kind,
      amountFen: s.amountFen,
      status,
      requestedAt: at,
      channelRefundId: null,
      errorCode: null,
      detail: null,
    };
  }

  /** Sends the refund's pending QR refunds to their channels and completes the refund when all went through. */
  private async payOut(refundId: string): Promise<void> {
    for (const t of this.refunds.tenders(refundId))
      if (t.status === 'pending' || t.status === 'unknown') await this.sendChannelRefund(t);
    this.completeIfDone(refundId);
  }

  private async sendChannelRefund(t: RefundTenderRecord): Promise<void> {
    const payment = t.tenderId ? this.payments.byId(t.tenderId) : undefined;
    const channel = payment ? this.channels.get(payment.channel) : undefined;
    if (!payment || !channel) {
      this.refunds.setTenderStatus(t.id, 'unknown', this.at(), {
        errorCode: 'PAYMENT_CHANNEL_NOT_CONFIGURED',
        detail: 'channel not configured: refund by hand',
      });
      return;
    }
    const answer = await channel.refund({
      outTradeNo: payment.id,
      requestedAt: new Date(payment.requestedAt),
      outRequestNo: t.id,
      refundRequestedAt: new Date(t.requestedAt),
      refundFen: t.amountFen,
      totalFen: payment.amountFen,
      ...(payment.channelTxnId ? { channelTxnId: payment.channelTxnId } : {}),
      reason: '退货',
    });
    if (this.stopped && !this.refunds.writable()) return;
    if (answer.status === 'succeeded')
      this.refunds.setTenderStatus(
        t.id,
        'succeeded',
        this.at(),
        answer.channelRefundId ? { channelRefundId: answer.channelRefundId } : {},
      );
    else if (answer.status === 'failed')
      this.refunds.setTenderStatus(t.id, 'failed', this.at(), {
        errorCode: answer.code,
        detail: `${answer.channelCode}: ${answer.message}`,
      });
    else
      this.refunds.setTenderStatus(t.id, 'unknown', this.at(), {
        errorCode: 'PAYMENT_RESULT_UNKNOWN',
        detail: `${answer.reason}: ${answer.detail}`,
      });
  }

  private completeIfDone(refundId: string): void {
    const tenders = this.refunds.tenders(refundId);
    if (!tenders.every((t) => t.status === 'succeeded')) return;
    const at = this.at();
    this.ctx.tx.run(() => {
      if (this.refunds.complete(refundId, at))
        this.ctx.repos.outbox.append('refund.completed', { refundId, tenders }, at);
    });
  }

  /** Channel refunds left pending or unknown (a crash, a network fault) are sent again with the same id. */
  async retryOpen(): Promise<number> {
    let n = 0;
    for (const t of this.refunds.openTenders()) {
      if (this.stopped) break;
      await this.sendChannelRefund(t);
      this.completeIfDone(t.refundId);
      n++;
    }
    return n;
  }

  private async checkSupervisor(
    cred: { username: string; password: string },
    limitFen: number,
  ): Promise<Result<string>> {
    const username = await approvingStaff(this.ctx, cred, 'supervisor');
    return username ? ok(username) : supervisorRequired(limitFen);
  }

  private at(): string {
    return this.ctx.clock.now().toISOString();
  }
}
