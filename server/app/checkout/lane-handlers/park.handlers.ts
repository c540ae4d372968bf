import { err, ok } from '../../../core/result.ts';
import * as carts from '../../../core/sale/cart.ts';
import { deserializeCart, serializeCart } from '../parked-cart.ts';
import type { LaneHandlers } from './lane-handler.ts';

/** Parked carts (挂单): put the cart aside, list the lane's parked carts, take one back. */
export const parkHandlers = {
  'cart.park': (desk, who) => {
    const cart = desk.cartOf(who.laneId);
    if (!cart || cart.items.length === 0) return err('CART_EMPTY', 'cart');
    if (carts.hasNonCashTenders(cart)) return err('CART_HAS_PAYMENTS', 'cart');
    const at = desk.deps.ctx.clock.now().toISOString();
    desk.deps.parked.insert(cart.id, who.laneId, who.cashier, at, serializeCart(cart));
    return ok({ cart: desk.newCart(who), extra: { parkedId: cart.id } });
  },

  'cart.listParked': (desk, who) => ok({ extra: { parked: desk.deps.parked.list(who.laneId) } }),

  'cart.resume': (desk, who, payload) => {
    const current = desk.cartOf(who.laneId);
    if (current && current.items.length > 0) return err('CART_NOT_EMPTY', 'cart');
    const cart = desk.deps.parked.take(payload.parkedId, who.laneId, (stored) =>
      deserializeCart(stored, desk.deps.catalog),
    );
    if (!cart) return err('CART_PARKED_NOT_FOUND', 'parkedId', { parkedId: payload.parkedId });
    if (!cart.ok) return cart;
    return ok({ cart: cart.value, extra: {} });
  },
} satisfies Partial<LaneHandlers>;
