import { bestCoupons } from '../../core/pricing/best-coupons.ts';
import type { Cart } from '../../core/sale/cart.ts';
import { storeLocalTime } from '../store-time.ts';
import type { LaneDeps } from './lane-service.ts';
import { priceLaneCart, type PricedLaneCart, type PricingContext } from './price-lane-cart.ts';

/**
 * Prices a lane's cart at the store's local time with its member, the coupons the cashier entered
 * and — unless the cashier removed them — the member's best eligible coupons (core/pricing bestCoupons).
 */
export class LanePricing {
  private readonly deps: Pick<LaneDeps, 'ctx' | 'pricing' | 'members' | 'coupons'>;
  /** per cart: coupons the cashier removed, so the automatic choice does not put them back */
  private readonly declined = new Map<string, Set<string>>();

  constructor(deps: Pick<LaneDeps, 'ctx' | 'pricing' | 'members' | 'coupons'>) {
    this.deps = deps;
  }

  priceOf(cart: Cart): PricedLaneCart {
    return priceLaneCart(cart, this.context(cart));
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

  private context(cart: Cart): PricingContext {
    const { ctx, pricing } = this.deps;
    const store = ctx.repos.store.get()!;
    const member = cart.memberId ? this.deps.members.find(cart.memberId)?.pricing : undefined;
    const coupons = cart.couponCodes
      .map((c) => this.deps.coupons.byCode(c, cart.memberId))
      .flatMap((r) => (r.ok ? [r.value] : []));
    if (cart.memberId && this.deps.coupons.forMember) {
      // the member's best eligible coupons apply by themselves unless the cashier removed them (core/pricing bestCoupons)
      const declined = this.declined.get(cart.id);
      const candidates = this.deps.coupons
        .forMember(cart.memberId)
        .filter((c) => !declined?.has(c.code) && !cart.couponCodes.includes(c.code));
      if (candidates.length > 0) {
        const base = {
          storeId: store.id,
          at: storeLocalTime(ctx.clock.now(), store.timezone),
          promotions: pricing.promotionSet(),
          settings: pricing.settings(),
          member,
        };
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
    return {
      storeId: store.id,
      at: storeLocalTime(ctx.clock.now(), store.timezone),
      promotions: pricing.promotionSet(),
      settings: pricing.settings(),
      member,
      coupons,
    };
  }
}
