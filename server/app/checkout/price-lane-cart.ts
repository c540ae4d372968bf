import type { Coupon } from '../../contracts/pricing/coupon.schema.ts';
import type { CartLine, Member, PricingAt, PricingSettings } from '../../contracts/pricing/pricing-request.schema.ts';
import { cartLine, lineGross } from '../../core/catalog/index.ts';
import { priceCart, type PricedCart, type PromotionSet } from '../../core/pricing/index.ts';
import type { Cart, CartItem } from '../../core/sale/cart.ts';

export type PricingContext = {
  storeId: string;
  at: PricingAt;
  promotions: PromotionSet;
  settings: PricingSettings;
  member?: Member;
  coupons: readonly Coupon[];
};

export type PricedLaneCart = { lines: CartLine[]; priced: PricedCart };

/** The catalog line for a cart item, with a supervisor's price override applied. */
function lineFor(item: CartItem): CartLine {
  const base = cartLine(item.lineId, item.product, item.measure);
  if (!base.ok) throw new Error(`cart holds an unpriceable line ${item.lineId}: ${base.code}`); // refused at scan time
  if (item.unitPriceOverrideFen === undefined) return base.value;
  const gross = lineGross({ ...item.product, priceFen: item.unitPriceOverrideFen }, item.measure);
  if (!gross.ok) throw new Error(`override made line ${item.lineId} unpriceable: ${gross.code}`);
  return { ...base.value, unitPriceFen: item.unitPriceOverrideFen, grossFen: gross.value };
}

/** Prices an open cart with the store's promotions at the given local time (pure apart from its inputs). */
export function priceLaneCart(cart: Cart, ctx: PricingContext): PricedLaneCart {
  const lines = cart.items.map(lineFor);
  const priced = priceCart(
    ctx.promotions,
    {
      storeId: ctx.storeId,
      at: ctx.at,
      lines,
      ...(ctx.member ? { member: ctx.member } : {}),
      ...(ctx.coupons.length > 0 ? { coupons: [...ctx.coupons] } : {}),
      ...(cart.pointsRequested ? { pointsRequested: cart.pointsRequested } : {}),
    },
    ctx.settings,
  );
  return { lines, priced };
}
