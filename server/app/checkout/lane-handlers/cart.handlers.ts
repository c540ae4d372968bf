import { ok } from '../../../core/result.ts';
import * as carts from '../../../core/sale/cart.ts';
import { resolveScan } from '../resolve-scan.ts';
import { cartOnly, type LaneHandlers } from './lane-handler.ts';

/** The cart's lines: open, scan, change, void (a supervisor approves voids after total and price overrides). */
export const cartHandlers = {
  'cart.open': (desk, who) => {
    const before = desk.cartOf(who.laneId);
    return ok({ cart: before && before.items.length > 0 ? before : desk.newCart(who), extra: {} });
  },

  'cart.scan': (desk, who, payload) => {
    const cart = desk.current(who);
    const item = resolveScan(desk.deps.catalog, payload, () => desk.deps.scaleWeight?.(who.laneId));
    return item.ok ? cartOnly(carts.addItem(cart, item.value.product, item.value.measure)) : item;
  },

  'cart.setQuantity': (desk, who, payload) =>
    cartOnly(carts.setQuantity(desk.current(who), payload.lineId, payload.quantity)),

  'cart.removeLine': async (desk, who, payload) => {
    const cart = desk.current(who);
    if (!cart.totaled) return cartOnly(carts.removeLine(cart, payload.lineId));
    const sup = await desk.supervisor(payload.supervisor);
    if (!sup.ok) return sup;
    const result = cartOnly(carts.removeLine(cart, payload.lineId));
    if (result.ok)
      desk.audit(sup.value, 'cart.line_voided', who, {
        lineId: payload.lineId,
        sku: cart.items.find((i) => i.lineId === payload.lineId)?.product.sku,
      });
    return result;
  },

  'cart.overridePrice': async (desk, who, payload) => {
    const sup = await desk.supervisor(payload.supervisor);
    if (!sup.ok) return sup;
    const cart = desk.current(who);
    const result = cartOnly(carts.overridePrice(cart, payload.lineId, payload.unitPriceFen));
    if (result.ok) {
      const item = cart.items.find((i) => i.lineId === payload.lineId)!;
      desk.audit(sup.value, 'cart.price_overridden', who, {
        lineId: payload.lineId,
        sku: item.product.sku,
        from: item.product.priceFen,
        to: payload.unitPriceFen,
        reason: payload.reason,
      });
    }
    return result;
  },

  'cart.void': async (desk, who, payload) => {
    const sup = await desk.supervisor(payload.supervisor);
    if (!sup.ok) return sup;
    const cart = desk.current(who);
    desk.audit(sup.value, 'cart.voided', who, { cartId: cart.id, lines: cart.items.length });
    const next = desk.newCart(who);
    // money a channel took for this cart is not given back by a void: reconciliation sees it
    desk.deps.payments?.abandonCart(
      cart.tenders.flatMap((t) => ('paymentId' in t ? [t.paymentId] : [])),
      'cart_voided',
    );
    return ok({ cart: next, extra: {} });
  },

  'cart.total': (desk, who) => cartOnly(carts.total(desk.current(who))),
} satisfies Partial<LaneHandlers>;
