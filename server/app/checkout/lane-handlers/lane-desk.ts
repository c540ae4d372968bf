import { randomUUID } from 'node:crypto';
import type { LaneReplyExtra } from '../../../contracts/lane/lane-messages.schema.ts';
import type { CartView } from '../../../contracts/lane/lane-replies.ts';
import type { QrTender } from '../../../core/payments/index.ts';
import { err, ok, type Result } from '../../../core/result.ts';
import * as carts from '../../../core/sale/cart.ts';
import type { Cart } from '../../../core/sale/cart.ts';
import { paymentView } from '../../payments/payment-view.ts';
import { approvingStaff } from '../../staff/staff-approval.ts';
import { cartView } from '../cart-view.ts';
import { LanePricing } from '../lane-pricing.ts';
import type { LaneDeps, LaneIdentity } from '../lane-service.ts';
import type { PricedLaneCart } from '../price-lane-cart.ts';

/** A payment as the payments service records it (named by the payments module, not imported from its repository). */
type PaymentRecord = Parameters<typeof paymentView>[0];

/**
 * What the lane handlers share: the lanes' carts (one per lane, in memory: a scan never waits for a
 * disk write), their pricing, and the supervisor and audit steps some verbs need. The LaneService
 * runs one lane's messages one after another, so a handler sees its lane's cart alone.
 */
export class LaneDesk {
  readonly deps: LaneDeps;
  readonly lanePricing: LanePricing;
  private readonly carts = new Map<string, Cart>();

  constructor(deps: LaneDeps) {
    this.deps = deps;
    this.lanePricing = new LanePricing(deps);
  }

  /** The lane's cart, if it has one (a handler that must not open one reads this). */
  cartOf(laneId: string): Cart | undefined {
    return this.carts.get(laneId);
  }

  /** Makes `cart` the lane's cart. */
  keep(cart: Cart): void {
    this.carts.set(cart.laneId, cart);
  }

  /** A fresh empty cart, which becomes the lane's. */
  newCart(who: LaneIdentity): Cart {
    const cart = carts.openCart(randomUUID(), who.laneId, who.cashier, this.deps.ctx.clock.now().toISOString());
    this.carts.set(who.laneId, cart);
    return cart;
  }

  /** The lane's cart, opening one if it has none. */
  current(who: LaneIdentity): Cart {
    return this.carts.get(who.laneId) ?? this.newCart(who);
  }

  priceOf(cart: Cart): PricedLaneCart {
    return this.lanePricing.priceOf(cart);
  }

  viewOf(cart: Cart | undefined): CartView | null {
    if (!cart) return null;
    const { lines, priced } = this.priceOf(cart);
    return cartView(cart, lines, priced, this.deps.pricing.promotionNames());
  }

  async supervisor(cred: { username: string; password: string } | undefined): Promise<Result<string>> {
    const username = await approvingStaff(this.deps.ctx, cred, 'supervisor');
    return username ? ok(username) : err('LANE_SUPERVISOR_REQUIRED', 'supervisor');
  }

  audit(supervisor: string, action: string, who: LaneIdentity, detail: Record<string, unknown>): void {
    this.deps.ctx.repos.audit.append({
      at: this.deps.ctx.clock.now().toISOString(),
      actor: supervisor,
      action,
      subject: who.laneId,
      detail: { ...detail, cashier: who.cashier },
    });
  }

  /** Puts a payment's result into the cart: a tender when succeeded or unknown, nothing otherwise. */
  applyPayment(cart: Cart, p: PaymentRecord): Result<{ cart: Cart; extra: LaneReplyExtra<'cart.tenderQr'> }> {
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
}
