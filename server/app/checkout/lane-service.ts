import { randomUUID } from 'node:crypto';
import type { Coupon } from '../../contracts/pricing/coupon.schema.ts';
import type { Member } from '../../contracts/pricing/pricing-request.schema.ts';
import type { LanePayload, LaneTopic } from '../../contracts/lane/lane-messages.schema.ts';
import { err, ok, type Result } from '../../core/result.ts';
import * as carts from '../../core/sale/cart.ts';
import type { Cart } from '../../core/sale/cart.ts';
import { channelOfAuthCode, checkNewTender, isSettled, type QrTender } from '../../core/payments/index.ts';
import type { PaymentRecord } from '../../adapters/sqlite/payment.repository.ts';
import type { QrPayments } from '../payments/qr-payments.ts';
import { paymentView } from '../payments/payment-view.ts';
import { approvingStaff } from '../staff/staff-approval.ts';
import type { CatalogService } from '../catalog/catalog-service.ts';
import type { PricingService } from '../pricing/pricing-service.ts';
import type { StoreContext } from '../store-context.ts';
import { cartView, type CartView } from './cart-view.ts';
import { completeSale, replaySale, type CompletedSale, type SaleStores } from './complete-sale.ts';
import type { PricedLaneCart } from './price-lane-cart.ts';
import { LanePricing } from './lane-pricing.ts';
import { SaleRefused } from '../loyalty/sale-refused.ts';
import type { ParkedCartRepository } from '../../adapters/sqlite/parked-cart.repository.ts';
import { deserializeCart, serializeCart } from './parked-cart.ts';
import { resolveScan } from './resolve-scan.ts';

/**
 * Finds a member for the lane by id, phone or member code (the loyalty module provides it); the
 * optional parts show the member (phone masked), check a points request, and register at the lane.
 */
export type MemberDirectory = {
  find(query: string): { id: string; pricing: Member } | undefined;
  summary?(id: string): unknown;
  checkRedeem?(memberId: string, points: number, dueFen: number): Result<number>;
  register?(input: LanePayload<'member.register'>): Result<{ memberId: string; pointsEarned: number }>;
  /** the stored-value PIN check before a stored-value tender (wrong tries counted, 5 lock) */
  checkPin?(memberId: string, pin: string): Promise<Result<{ availableFen: number }>>;
};
/** The coupon instances a member holds or a code names, ready for pricing (loyalty module). */
export type CouponDirectory = {
  byCode(code: string, memberId: string | undefined): Result<Coupon>;
  forMember?(memberId: string): Coupon[];
};

export type LaneReply =
  | { ok: true; data: { cart: CartView | null; [extra: string]: unknown } }
  | {
      ok: false;
      error: { code: string; field?: string; params?: Record<string, string | number> };
      data: { cart: CartView | null };
    };

export type LaneIdentity = { laneId: string; cashier: string };

export type LaneDeps = {
  ctx: StoreContext;
  catalog: CatalogService;
  pricing: PricingService;
  stores: SaleStores;
  parked: ParkedCartRepository;
  members: MemberDirectory;
  coupons: CouponDirectory;
  /** the latest stable weight a lane's scale reported, if any (devices) */
  scaleWeight?: (laneId: string) => number | undefined;
  /** QR payments (付款码); without it the lane takes no QR tender */
  payments?: QrPayments;
};

/**
 * The lanes' carts and the verbs a cashier uses. One cart per lane, kept in memory (a scan never
 * waits for a disk write); a completed sale is written durably in one transaction. Messages of one
 * lane run one after another; lanes never wait for each other.
 */
export class LaneService {
  private readonly deps: LaneDeps;
  private readonly carts = new Map<string, Cart>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly lanePricing: LanePricing;

  constructor(deps: LaneDeps) {
    this.deps = deps;
    this.lanePricing = new LanePricing(deps);
  }

  cartOf(laneId: string): Cart | undefined {
    return this.carts.get(laneId);
  }

  /** Runs one message for a lane after the lane's previous ones. */
  handle<T extends LaneTopic>(
    who: LaneIdentity,
    topic: T,
    payload: LanePayload<T>,
    transaction?: string,
  ): Promise<LaneReply> {
    // a cancel must not queue behind the cart.tenderQr that is waiting for the customer
    const cancelling = topic === 'cart.cancelPayment' ? this.deps.payments?.requestCancel(who.laneId) : undefined;
    if (cancelling) return Promise.resolve(this.reply(ok({ payment: paymentView(cancelling), cancelling: true }), who));
    return this.enqueue(who.laneId, () => this.dispatch(who, topic, payload, transaction));
  }

  /**
   * A message refused before it reached the lane's verbs (not JSON, bad envelope or payload): the
   * refusal, with the lane's cart, answered in turn after the lane's earlier messages.
   */
  refuse(who: LaneIdentity, code: string, field: string, params?: Record<string, string | number>): Promise<LaneReply> {
    return this.enqueue(who.laneId, async () => this.reply(err(code, field, params), who));
  }

  /** The lane's cart as replies carry it; null when the lane has none or it cannot be priced (after INTERNAL). */
  safeCartView(laneId: string): CartView | null {
    try {
      return this.viewOf(this.carts.get(laneId));
    } catch {
      return null;
    }
  }

  private enqueue<R>(laneId: string, work: () => Promise<R>): Promise<R> {
    const previous = this.queues.get(laneId) ?? Promise.resolve();
    const next = previous.then(work);
    this.queues.set(
      laneId,
      next.catch(() => undefined),
    );
    return next;
  }

  /**
   * A payment the lane stopped waiting for was decided (recovery). The lane's open cart takes the
   * result if it still holds that tender; false tells the payments service nobody took it.
   */
  paymentSettled(payment: PaymentRecord): Promise<boolean> {
    return this.enqueue(payment.laneId, async () => {
      const cart = this.carts.get(payment.laneId);
      if (!cart || cart.id !== payment.cartId || !cart.tenders.some((t) => t.id === payment.id)) return false;
      this.applyPayment(cart, payment);
      return true;
    });
  }

  private async dispatch(who: LaneIdentity, topic: LaneTopic, payload: any, transaction?: string): Promise<LaneReply> {
    const before = this.carts.get(who.laneId);
    let result: Result<{ cart: Cart | undefined; extra?: Record<string, unknown> }>;
    switch (topic) {
      case 'cart.open':
        result = before && before.items.length > 0 ? ok({ cart: before }) : ok({ cart: this.newCart(who) });
        break;
      case 'cart.scan':
        result = this.scan(who, this.current(who), payload);
        break;
      case 'cart.setQuantity':
        result = wrap(carts.setQuantity(this.current(who), payload.lineId, payload.quantity));
        break;
      case 'cart.removeLine': {
        const cart = this.current(who);
        if (cart.totaled) {
          const sup = await this.supervisor(payload.supervisor);
          if (!sup.ok) return this.reply(sup, who);
          result = wrap(carts.removeLine(cart, payload.lineId));
          if (result.ok)
            this.audit(sup.value, 'cart.line_voided', who, {
              lineId: payload.lineId,
              sku: cart.items.find((i) => i.lineId === payload.lineId)?.product.sku,
            });
        } else result = wrap(carts.removeLine(cart, payload.lineId));
        break;
      }
      case 'cart.overridePrice': {
        const sup = await this.supervisor(payload.supervisor);
        if (!sup.ok) return this.reply(sup, who);
        const cart = this.current(who);
        result = wrap(carts.overridePrice(cart, payload.lineId, payload.unitPriceFen));
        if (result.ok) {
          const item = cart.items.find((i) => i.lineId === payload.lineId)!;
          this.audit(sup.value, 'cart.price_overridden', who, {
            lineId: payload.lineId,
            sku: item.product.sku,
            from: item.product.priceFen,
            to: payload.unitPriceFen,
            reason: payload.reason,
          });
        }
        break;
      }
      case 'cart.identifyMember': {
        const member = this.deps.members.find(payload.query);
        result = member
          ? ok({
              cart: { ...this.current(who), memberId: member.id },
              extra: { member: this.deps.members.summary?.(member.id) },
            })
          : err('MEMBER_NOT_FOUND', 'query');
        break;
      }
      case 'member.register': {
        const registered = this.deps.members.register
          ? this.deps.members.register(payload)
          : err('MEMBER_NOT_FOUND', 'phone');
        if (!registered.ok) result = registered;
        else {
          const { memberId, pointsEarned } = registered.value;
          const extra = { member: this.deps.members.summary?.(memberId), pointsEarned };
          // after payment the sale is attached; before, the new member joins the open cart
          result = payload.saleId
            ? ok({ cart: undefined, extra })
            : ok({ cart: { ...this.current(who), memberId }, extra });
        }
        break;
      }
      case 'cart.tenderStoredValue': {
        result = await this.tenderStoredValue(this.current(who), payload);
        break;
      }
      case 'cart.clearMember': {
        const { memberId: _, ...rest } = this.current(who);
        result = ok({ cart: { ...rest, pointsRequested: undefined } });
        break;
      }
      case 'cart.addCoupon': {
        const cart = this.current(who);
        const coupon = this.deps.coupons.byCode(payload.code, cart.memberId);
        result = !coupon.ok
          ? coupon
          : cart.couponCodes.includes(payload.code)
            ? ok({ cart })
            : ok({ cart: { ...cart, couponCodes: [...cart.couponCodes, payload.code] } });
        break;
      }
      case 'cart.removeCoupon': {
        const cart = this.current(who);
        this.lanePricing.decline(cart.id, payload.code);
        result = ok({ cart: { ...cart, couponCodes: cart.couponCodes.filter((c) => c !== payload.code) } });
        break;
      }
      case 'cart.redeemPoints': {
        const cart = this.current(who);
        if (!cart.memberId) result = err('MEMBER_REQUIRED', 'points');
        else {
          // the cap applies to the amount due after stages 1–4, before 抹零 (as the pricing engine does)
          const { priced } = this.priceOf({ ...cart, pointsRequested: undefined });
          const dueFen = priced.totals.dueFen + (priced.rounding?.amountFen ?? 0);
          const checked =
            payload.points === 0 || !this.deps.members.checkRedeem
              ? ok(payload.points)
              : this.deps.members.checkRedeem(cart.memberId, payload.points, dueFen);
          result = checked.ok
            ? ok({ cart: { ...cart, pointsRequested: payload.points === 0 ? undefined : payload.points } })
            : checked;
        }
        break;
      }
      case 'cart.park':
        result = this.park(who);
        break;
      case 'cart.listParked':
        result = ok({ cart: before, extra: { parked: this.deps.parked.list(who.laneId) } });
        break;
      case 'cart.resume':
        result = this.resume(who, payload.parkedId);
        break;
      case 'cart.void': {
        const sup = await this.supervisor(payload.supervisor);
        if (!sup.ok) return this.reply(sup, who);
        const cart = this.current(who);
        this.audit(sup.value, 'cart.voided', who, { cartId: cart.id, lines: cart.items.length });
        result = ok({ cart: this.newCart(who) });
        // money a channel took for this cart is not given back by a void: reconciliation sees it
        this.deps.payments?.abandonCart(
          cart.tenders.flatMap((t) => ('paymentId' in t ? [t.paymentId] : [])),
          'cart_voided',
        );
        break;
      }
      case 'cart.total':
        result = wrap(carts.total(this.current(who)));
        break;
      case 'cart.tenderCash': {
        const cart = this.current(who);
        result = cart.tenders.every(isSettled)
          ? wrap(carts.addCashTender(cart, payload.amountFen))
          : err('PAYMENT_IN_PROGRESS', 'cart');
        break;
      }
      case 'cart.tenderCard': {
        const cart = this.current(who);
        const amount = checkNewTender(this.priceOf(cart).priced.totals.dueFen, cart.tenders, 'card', payload.amountFen);
        result = amount.ok
          ? wrap(
              carts.addTender(cart, {
                kind: 'card',
                amountFen: amount.value,
                reference: payload.reference,
                authCode: payload.authCode,
              }),
            )
          : amount;
        break;
      }
      case 'cart.tenderQr':
        result = await this.tenderQr(who, payload, transaction);
        break;
      case 'cart.cancelPayment':
        result = await this.cancelPayment(who, payload);
        break;
      case 'cart.complete':
        return this.complete(who, payload);
      default:
        result = err('LANE_UNKNOWN_TOPIC', 'topic', { topic });
    }
    if (result.ok && result.value.cart) this.carts.set(who.laneId, result.value.cart);
    return this.reply(result.ok ? ok(result.value.extra ?? {}) : result, who);
  }

  /**
   * 付款码: the channel comes from the code's prefix; the amount is what remains unless given.
   * The reply comes when the channel decides (or the lane's deadline passes and the payment is
   * cancelled). A retry with the same transaction id answers the first payment, never a second.
   */
  private async tenderQr(
    who: LaneIdentity,
    payload: LanePayload<'cart.tenderQr'>,
    transaction: string | undefined,
  ): Promise<Result<{ cart: Cart; extra: Record<string, unknown> }>> {
    const payments = this.deps.payments;
    if (!payments) return err('PAYMENT_CHANNEL_NOT_CONFIGURED', 'authCode', { channel: 'QR' });
    const cart = this.current(who);
    const tx = transaction ?? randomUUID();
    const earlier = payments.forTransaction(who.laneId, tx);
    if (!earlier) {
      if (cart.items.length === 0) return err('CART_EMPTY', 'cart');
      const channel = channelOfAuthCode(payload.authCode);
      if (!channel) return err('PAYMENT_CODE_UNRECOGNISED', 'authCode');
      const amount = checkNewTender(this.priceOf(cart).priced.totals.dueFen, cart.tenders, channel, payload.amountFen);
      if (!amount.ok) return amount;
      const paid = await payments.pay({
        laneId: who.laneId,
        cartId: cart.id,
        cashier: who.cashier,
        transaction: tx,
        authCode: payload.authCode,
        amountFen: amount.value,
      });
      if (!paid.ok) return paid;
      return this.applyPayment(this.current(who), paid.value);
    }
    const first = await payments.pay({
      laneId: who.laneId,
      cartId: cart.id,
      cashier: who.cashier,
      transaction: tx,
      authCode: payload.authCode,
      amountFen: earlier.amountFen,
    });
    return first.ok ? this.applyPayment(this.current(who), first.value) : first;
  }

  /** Cancels (or, if it went through, keeps) the cart's payment whose result is unknown. */
  private async cancelPayment(
    who: LaneIdentity,
    payload: LanePayload<'cart.cancelPayment'>,
  ): Promise<Result<{ cart: Cart; extra: Record<string, unknown> }>> {
    const cart = this.current(who);
    const open = cart.tenders.find(
      (t): t is QrTender =>
        'paymentId' in t &&
        t.status === 'unknown' &&
        (payload.paymentId === undefined || t.paymentId === payload.paymentId),
    );
    if (!open || !this.deps.payments) return err('PAYMENT_NOTHING_TO_CANCEL', 'paymentId');
    const decided = await this.deps.payments.resolve(open.paymentId);
    return decided.ok ? this.applyPayment(this.current(who), decided.value) : decided;
  }

  /** Puts a payment's result into the cart: a tender when succeeded or unknown, nothing otherwise. */
  private applyPayment(cart: Cart, p: PaymentRecord): Result<{ cart: Cart; extra: Record<string, unknown> }> {
    const extra = { payment: paymentView(p) };
    if (cart.id !== p.cartId)
      return p.status === 'succeeded' ? ok({ cart, extra }) : err('PAYMENT_CANCELLED', 'authCode', { paymentId: p.id });
    const tender: QrTender | undefined =
      p.status === 'succeeded' || p.status === 'unknown' || p.status === 'pending'
        ? {
            kind: p.channel,
            id: p.id,
            paymentId: p.id,
            amountFen: p.amountFen,
            status: p.status === 'succeeded' ? 'succeeded' : 'unknown',
            ...(p.channelTxnId ? { channelTxnId: p.channelTxnId } : {}),
          }
        : undefined;
    const next = cart.tenders.some((t) => t.id === p.id)
      ? carts.replaceTender(cart, p.id, tender)
      : tender
        ? { ...cart, totaled: true, tenders: [...cart.tenders, tender] }
        : cart;
    this.carts.set(cart.laneId, next);
    if (p.status === 'succeeded') return ok({ cart: next, extra });
    if (p.status === 'failed')
      return err(p.errorCode ?? 'PAYMENT_DECLINED', 'authCode', { paymentId: p.id, message: p.detail ?? '' });
    if (p.status === 'cancelled') return err('PAYMENT_CANCELLED', 'authCode', { paymentId: p.id });
    return err('PAYMENT_RESULT_UNKNOWN', 'authCode', { paymentId: p.id, reason: p.detail ?? p.status });
  }

  private newCart(who: LaneIdentity): Cart {
    const cart = carts.openCart(randomUUID(), who.laneId, who.cashier, this.deps.ctx.clock.now().toISOString());
    this.carts.set(who.laneId, cart);
    return cart;
  }

  private current(who: LaneIdentity): Cart {
    return this.carts.get(who.laneId) ?? this.newCart(who);
  }

  private scan(who: LaneIdentity, cart: Cart, payload: LanePayload<'cart.scan'>): Result<{ cart: Cart }> {
    const item = resolveScan(this.deps.catalog, payload, () => this.deps.scaleWeight?.(who.laneId));
    return item.ok ? wrap(carts.addItem(cart, item.value.product, item.value.measure)) : item;
  }

  private park(who: LaneIdentity): Result<{ cart: Cart; extra: Record<string, unknown> }> {
    const cart = this.carts.get(who.laneId);
    if (!cart || cart.items.length === 0) return err('CART_EMPTY', 'cart');
    if (carts.hasNonCashTenders(cart)) return err('CART_HAS_PAYMENTS', 'cart');
    const at = this.deps.ctx.clock.now().toISOString();
    this.deps.parked.insert(cart.id, who.laneId, who.cashier, at, serializeCart(cart));
    return ok({ cart: this.newCart(who), extra: { parkedId: cart.id } });
  }

  private resume(who: LaneIdentity, parkedId: string): Result<{ cart: Cart }> {
    const current = this.carts.get(who.laneId);
    if (current && current.items.length > 0) return err('CART_NOT_EMPTY', 'cart');
    const cart = this.deps.parked.take(parkedId, who.laneId, (stored) => deserializeCart(stored, this.deps.catalog));
    if (!cart) return err('CART_PARKED_NOT_FOUND', 'parkedId', { parkedId });
    if (!cart.ok) return cart;
    return ok({ cart: cart.value });
  }

  private async complete(who: LaneIdentity, payload: LanePayload<'cart.complete'>): Promise<LaneReply> {
    // a retry after the box committed but the reply was lost: answer the first result
    const replay = replaySale(
      this.deps.ctx,
      this.deps.stores,
      who.laneId,
      payload.saleId,
      payload.expectedDueFen,
      this.carts.get(who.laneId),
    );
    if (replay)
      return replay.ok
        ? { ok: true, data: { cart: this.viewOf(this.carts.get(who.laneId)), sale: replay.value } }
        : this.reply(replay, who);
    const cart = this.carts.get(who.laneId);
    if (!cart || cart.items.length === 0) return this.reply(err('CART_EMPTY', 'cart'), who);
    const priced = this.priceOf(cart);
    const done: Result<CompletedSale> = refusedAsError(() =>
      completeSale(this.deps.ctx, this.deps.stores, {
        saleId: payload.saleId,
        expectedDueFen: payload.expectedDueFen,
        cart,
        lines: priced.lines,
        priced: priced.priced,
        promotionNames: this.deps.pricing.promotionNames(),
      }),
    );
    if (!done.ok) return this.reply(done, who);
    this.lanePricing.forget(cart.id);
    const next = this.newCart(who);
    return { ok: true, data: { cart: this.viewOf(next), sale: done.value } };
  }

  private async tenderStoredValue(
    cart: Cart,
    payload: LanePayload<'cart.tenderStoredValue'>,
  ): Promise<Result<{ cart: Cart }>> {
    if (!cart.memberId) return err('MEMBER_REQUIRED', 'pin');
    if (!this.deps.members.checkPin) return err('STORED_VALUE_NO_ACCOUNT', 'memberId');
    const pin = await this.deps.members.checkPin(cart.memberId, payload.pin);
    if (!pin.ok) return pin;
    const due = this.priceOf(cart).priced.totals.dueFen - cart.tenders.reduce((s, t) => s + t.amountFen, 0);
    const amountFen = Math.min(payload.amountFen ?? due, due, pin.value.availableFen);
    if (amountFen <= 0) return err('LOYALTY_INSUFFICIENT_BALANCE', 'amountFen', { available: pin.value.availableFen });
    // the pay entry is written at commit, inside the sale transaction, against the ledger
    return wrap(carts.addTender(cart, { kind: 'stored_value', amountFen, reference: cart.memberId }));
  }

  private async supervisor(cred: { username: string; password: string } | undefined): Promise<Result<string>> {
    const username = await approvingStaff(this.deps.ctx, cred, 'supervisor');
    return username ? ok(username) : err('LANE_SUPERVISOR_REQUIRED', 'supervisor');
  }

  private audit(supervisor: string, action: string, who: LaneIdentity, detail: Record<string, unknown>): void {
    this.deps.ctx.repos.audit.append({
      at: this.deps.ctx.clock.now().toISOString(),
      actor: supervisor,
      action,
      subject: who.laneId,
      detail: { ...detail, cashier: who.cashier },
    });
  }

  priceOf(cart: Cart): PricedLaneCart {
    return this.lanePricing.priceOf(cart);
  }

  private viewOf(cart: Cart | undefined): CartView | null {
    if (!cart) return null;
    const { lines, priced } = this.priceOf(cart);
    return cartView(cart, lines, priced, this.deps.pricing.promotionNames());
  }

  private reply(result: Result<Record<string, unknown>>, who: LaneIdentity): LaneReply {
    const cart = this.viewOf(this.carts.get(who.laneId));
    if (result.ok) return { ok: true, data: { ...result.value, cart } };
    const error: { code: string; field?: string; params?: Record<string, string | number> } = { code: result.code };
    if (result.field !== undefined) error.field = result.field;
    if (result.params !== undefined) error.params = { ...result.params };
    return { ok: false, error, data: { cart } };
  }
}

/** A sale effect may refuse the sale inside its transaction (points spent on another lane meanwhile): an answer, not a crash. */
function refusedAsError(run: () => Result<CompletedSale>): Result<CompletedSale> {
  try {
    return run();
  } catch (e) {
    if (e instanceof SaleRefused) return err(e.code, e.field, e.params);
    throw e;
  }
}

function wrap(r: Result<Cart>): Result<{ cart: Cart }> {
  return r.ok ? ok({ cart: r.value }) : r;
}
