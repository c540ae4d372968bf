import type { Coupon } from '../../contracts/pricing/coupon.schema.ts';
import type { Member } from '../../contracts/pricing/pricing-request.schema.ts';
import type {
  LaneReplyData,
  LaneReplyExtra,
  LaneRequest,
  LaneTopic,
} from '../../contracts/lane/lane-messages.schema.ts';
import type { CartView, LaneMember } from '../../contracts/lane/lane-replies.ts';
import { err, type Err, type Result } from '../../core/result.ts';
import type { Cart } from '../../core/sale/cart.ts';
import type { PaymentRecord } from '../ports/payment-store.port.ts';
import type { QrPayments } from '../payments/qr-payments.ts';
import type { CatalogService } from '../catalog/catalog-service.ts';
import type { PricingService } from '../pricing/pricing-service.ts';
import type { StoreContext } from '../store-context.ts';
import type { SaleStores } from './complete-sale.ts';
import type { ParkedCartStore } from '../ports/parked-cart-store.port.ts';
import type { LaneDone } from './lane-handlers/lane-handler.ts';
import { LaneDesk } from './lane-handlers/lane-desk.ts';
import { laneHandlers, laneInterrupts } from './lane-handlers/lane-handlers.ts';

/**
 * Finds a member for the lane by id, phone or member code (the loyalty module provides it); the
 * optional parts show the member (phone masked), check a points request, and register at the lane.
 */
export type MemberDirectory = {
  find(query: string): { id: string; pricing: Member } | undefined;
  summary?(id: string): LaneMember | undefined;
  checkRedeem?(memberId: string, points: number, dueFen: number): Result<number>;
  register?(input: LaneRequest<'member.register'>): Result<{ memberId: string; pointsEarned: number }>;
  /** the stored-value PIN check before a stored-value tender (wrong tries counted, 5 lock) */
  checkPin?(memberId: string, pin: string): Promise<Result<{ availableFen: number }>>;
};
/** The coupon instances a member holds or a code names, ready for pricing (loyalty module). */
export type CouponDirectory = {
  byCode(code: string, memberId: string | undefined): Result<Coupon>;
  forMember?(memberId: string): Coupon[];
};

/** A refusal as the lane service gives it; the edge adds the message in the lane's language. */
export type LaneRefusal = { code: string; field?: string; params?: Record<string, string | number> };

/** A topic's answer before the edge sends it: the reply data of the contract, or a refusal; both carry the cart. */
export type LaneAnswer<T extends LaneTopic = LaneTopic> =
  { ok: true; data: LaneReplyData<T> } | { ok: false; error: LaneRefusal; data: { cart: CartView | null } };

export type LaneIdentity = { laneId: string; cashier: string };

export type LaneDeps = {
  ctx: StoreContext;
  catalog: CatalogService;
  pricing: PricingService;
  stores: SaleStores;
  parked: ParkedCartStore;
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
  private readonly desk: LaneDesk;
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(deps: LaneDeps) {
    this.desk = new LaneDesk(deps);
  }

  cartOf(laneId: string): Cart | undefined {
    return this.desk.cartOf(laneId);
  }

  /**
   * Runs one message for a lane after the lane's previous ones: the topic's handler from the table
   * (lane-handlers/), its payload already checked against the topic's schema at the edge.
   */
  handle<T extends LaneTopic>(
    who: LaneIdentity,
    topic: T,
    payload: LaneRequest<T>,
    transaction?: string,
  ): Promise<LaneAnswer<T>> {
    const interrupt = laneInterrupts[topic]?.(this.desk, who, payload);
    if (interrupt) return Promise.resolve(this.reply(interrupt, who));
    return this.enqueue(who.laneId, async () => {
      const done = await laneHandlers[topic](this.desk, who, payload, transaction);
      if (done.ok && done.value.cart) this.desk.keep(done.value.cart);
      return this.reply(done, who);
    });
  }

  /**
   * A message refused before it reached the lane's verbs (not JSON, bad envelope or payload): the
   * refusal, with the lane's cart, answered in turn after the lane's earlier messages.
   */
  refuse(
    who: LaneIdentity,
    code: string,
    field: string,
    params?: Record<string, string | number>,
  ): Promise<LaneAnswer> {
    return this.enqueue(who.laneId, async () => this.refusal(err(code, field, params), who));
  }

  /** The lane's cart as replies carry it; null when the lane has none or it cannot be priced (after INTERNAL). */
  safeCartView(laneId: string): CartView | null {
    try {
      return this.desk.viewOf(this.desk.cartOf(laneId));
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
      const cart = this.desk.cartOf(payment.laneId);
      if (!cart || cart.id !== payment.cartId || !cart.tenders.some((t) => t.id === payment.id)) return false;
      this.desk.applyPayment(cart, payment);
      return true;
    });
  }

  priceOf(cart: Cart) {
    return this.desk.priceOf(cart);
  }

  private reply<T extends LaneTopic>(result: Result<LaneDone<T>>, who: LaneIdentity): LaneAnswer<T> {
    if (!result.ok) return this.refusal(result, who);
    const extra: LaneReplyExtra<T> = result.value.extra;
    return { ok: true, data: { ...extra, cart: this.desk.viewOf(this.desk.cartOf(who.laneId)) } };
  }

  private refusal(result: Err, who: LaneIdentity): { ok: false; error: LaneRefusal; data: { cart: CartView | null } } {
    const cart = this.desk.viewOf(this.desk.cartOf(who.laneId));
    const error: LaneRefusal = { code: result.code };
    if (result.field !== undefined) error.field = result.field;
    if (result.params !== undefined) error.params = { ...result.params };
    return { ok: false, error, data: { cart } };
  }
}
