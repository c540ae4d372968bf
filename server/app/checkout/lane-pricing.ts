import { bestCoupons } from '../../core/pricing/best-coupons.ts';
import type { Cart } from '../../core/sale/cart.ts';
import { storeLocalTime } from '../store-time.ts';
import type { LaneDeps } from './lane-service.ts';
import { priceLaneCart, type PricedLaneCart, type PricingContext } from './price-lane-cart.ts';

export type LanePricingDeps = Pick<LaneDeps, 'ctx' | 'pricing' | 'members' | 'coupons'>;

/**
 * How a cart is priced at `instant` (store local time): its member, the coupons entered on it and —
 * except those in `declined` — the member's best eligible coupons (core/pricing bestCoupons). The
 * lane and the quote (POST /api/v1/pricing/quote) both price through this one function, so the same
 * basket and member give the same dues.
 */
export function cartPricingContext(
  deps: LanePricingDeps,
  cart: Cart,
  instant: Date,
  declined?: ReadonlySet<string>,
): PricingContext {
  const { ctx, pricing } = deps;
  const store = ctx.repos.store.get()!;
  const member = cart.memberId ? deps.members.find(cart.memberId)?.pricing : undefined;
  const base = {
    storeId: store.id,
    at: storeLocalTime(instant, store.timezone),
    promotions: pricing.promotionSet(),
    settings: pricing.settings(),
    member,
  };
  const coupons = cart.couponCodes
    .map((c) => deps.coupons.byCode(c, cart.memberId))
    .flatMap((r) => (r.ok ? [r.value] : []));
  if (cart.memberId && deps.coupons.forMember) {
    // the member's best eligible coupons apply by themselves unless the cashier removed them (core/pricing bestCoupons)
    const candidates = deps.coupons
      .forMember(cart.memberId)
      .filter((c) => !declined?.has(c.code) && !cart.couponCodes.includes(c.code));
    if (candidates.length > 0) {
      const { lines } = priceLaneCart({ ...cart, pointsRequested: undefined }, { ...base, coupons: [] });
      const all = [...coupons, ...candidates];
      const choice = bestCoupons(
        base.promotions,
        { storeId: store.id, at: base.at, lines, ...(member ? { member } : {}) },
        all,
      );
      if (choice.discountFen > 0)
        return { ...base, coupons: choice.codes.map((code) => all.find((c) => c.code === code)!) };
    }
  }
  return { ...base, coupons };
}

/**
 * Prices a lane's cart at the store's local time with its member, the coupons the cashier entered
 * and — unless the cashier removed them — the member's best eligible coupons (cartPricingContext).
 */
export class LanePricing {
  private readonly deps: LanePricingDeps;
  /** per cart: coupons the cashier removed, so the automatic choice does not put them back */
  private readonly declined = new Map<string, Set<string>>();

  constructor(deps: LanePricingDeps) {
    this.deps = deps;
  }

  priceOf(cart: Cart): PricedLaneCart {
    return priceLaneCart(
      cart,
      cartPricingContext(this.deps, cart, this.deps.ctx.clock.now(), this.declined.get(cart.id)),
    );
  }

  decline(cartId: string, code: string): void {
    const set = this.declined.get(cartId) ?? new Set<string>();
    set.add(code);
    this.declined.set(cartId, set);
  }

  /** The cart is finished: forget what was declined for it. */
  forget(cartId: string): void {
    this.declined.delete(cartId);
  }
}
