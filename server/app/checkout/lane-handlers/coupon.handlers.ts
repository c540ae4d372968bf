import { ok } from '../../../core/result.ts';
import type { LaneHandlers } from './lane-handler.ts';

/** Coupon codes entered on the cart (the member's own best coupons are applied by pricing). */
export const couponHandlers = {
  'cart.addCoupon': (desk, who, payload) => {
    const cart = desk.current(who);
    const coupon = desk.deps.coupons.byCode(payload.code, cart.memberId);
    if (!coupon.ok) return coupon;
    return cart.couponCodes.includes(payload.code)
      ? ok({ cart, extra: {} })
      : ok({ cart: { ...cart, couponCodes: [...cart.couponCodes, payload.code] }, extra: {} });
  },

  'cart.removeCoupon': (desk, who, payload) => {
    const cart = desk.current(who);
    desk.lanePricing.decline(cart.id, payload.code);
    return ok({ cart: { ...cart, couponCodes: cart.couponCodes.filter((c) => c !== payload.code) }, extra: {} });
  },
} satisfies Partial<LaneHandlers>;
