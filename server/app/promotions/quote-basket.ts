import type { QuoteRequest } from '../../contracts/catalog/quote-request.schema.ts';
import { classifyScannedCode, type LineMeasure, type Product } from '../../core/catalog/index.ts';
import { err, ok, type Result } from '../../core/result.ts';
import * as carts from '../../core/sale/cart.ts';
import type { Cart } from '../../core/sale/cart.ts';
import type { CatalogService } from '../catalog/catalog-service.ts';
import { cartView, type CartView } from '../checkout/cart-view.ts';
import type { CouponDirectory, MemberDirectory } from '../checkout/lane-service.ts';
import { cartPricingContext } from '../checkout/lane-pricing.ts';
import { priceLaneCart } from '../checkout/price-lane-cart.ts';
import type { PricingService } from '../pricing/pricing-service.ts';
import type { StoreContext } from '../store-context.ts';

/** The same catalog, promotions and member/coupon directories the lanes use. */
export type QuoteDeps = {
  ctx: StoreContext;
  catalog: CatalogService;
  pricing: PricingService;
  members: MemberDirectory;
  coupons: CouponDirectory;
};

type Item = QuoteRequest['items'][number];

/** Errors of one item name it: items.N.barcode, items.N.weightGrams… */
function atItem<T>(r: Result<T>, i: number, field: string): Result<T> {
  return r.ok ? r : err(r.code, `items.${i}.${field}`, r.params as Record<string, string | number> | undefined);
}

/** What the item is and how much of it, resolved as a lane scan is (label-scale codes carry their weight or price). */
function resolveItem(deps: QuoteDeps, item: Item, i: number): Result<{ product: Product; measure: LineMeasure }> {
  let product: Product;
  let embedded: { weightGrams: number } | { priceFen: number } | undefined;
  if (item.barcode !== undefined) {
    const scanned = classifyScannedCode(item.barcode, deps.catalog.layouts());
    if (!scanned.ok) return atItem(scanned, i, 'barcode');
    const match = deps.catalog.index().resolve(scanned.value);
    if (!match.ok) return atItem(match, i, 'barcode');
    ({ product, embedded } = match.value);
  } else if (item.sku !== undefined) {
    const found = deps.catalog.index().bySku(item.sku);
    if (!found) return err('CATALOG_UNKNOWN_BARCODE', `items.${i}.sku`, { code: item.sku });
    if (found.status !== 'active')
      return err('CATALOG_PRODUCT_INACTIVE', `items.${i}.sku`, { code: item.sku, sku: found.sku });
    product = found;
  } else return err('QUOTE_ITEM_CODE_REQUIRED', `items.${i}`, { field: `items.${i}` });

  if (embedded && (item.weightGrams !== undefined || item.qty !== undefined))
    return err('CATALOG_INVALID_QUANTITY', `items.${i}.${item.qty !== undefined ? 'qty' : 'weightGrams'}`);
  if (embedded)
    return ok({
      product,
      measure:
        'priceFen' in embedded
          ? { kind: 'embeddedPrice', priceFen: embedded.priceFen }
          : { kind: 'weight', grams: embedded.weightGrams },
    });
  if (product.unit === 'kg') {
    if (item.weightGrams === undefined)
      return err('CATALOG_WEIGHT_REQUIRED', `items.${i}.weightGrams`, { sku: product.sku });
    if (item.qty !== undefined) return err('CATALOG_INVALID_QUANTITY', `items.${i}.qty`);
    return ok({ product, measure: { kind: 'weight', grams: item.weightGrams } });
  }
  if (item.weightGrams !== undefined) return err('CATALOG_NOT_WEIGHED', `items.${i}.weightGrams`, { sku: product.sku });
  return ok({ product, measure: { kind: 'count', count: item.qty ?? 1 } });
}

/**
 * Prices a basket exactly as a lane would (priceLaneCart + cartView, the lane's reply shape) for
 * the console, HQ checks and price enquiries; nothing is stored.
 */
export function quoteBasket(deps: QuoteDeps, actor: string, request: QuoteRequest): Result<CartView> {
  const { ctx, pricing } = deps;
  const instant = request.at === undefined ? ctx.clock.now() : new Date(request.at);
  let cart: Cart = carts.openCart('quote', 'quote', actor, instant.toISOString());
  for (const [i, item] of request.items.entries()) {
    const resolved = resolveItem(deps, item, i);
    if (!resolved.ok) return resolved;
    const added = carts.addItem(cart, resolved.value.product, resolved.value.measure);
    if (!added.ok) return atItem(added, i, 'qty');
    cart = added.value;
  }

  let member: ReturnType<MemberDirectory['find']>;
  if (request.memberId !== undefined) {
    member = deps.members.find(request.memberId);
    if (!member) return err('MEMBER_NOT_FOUND', 'memberId', { memberId: request.memberId });
    cart = { ...cart, memberId: member.id };
  }
  // entered codes are checked here (owner, window) so a bad one is refused with its field, not dropped
  for (const [i, code] of (request.couponCodes ?? []).entries()) {
    const coupon = deps.coupons.byCode(code, member?.id);
    if (!coupon.ok) return err(coupon.code, `couponCodes.${i}`, { ...coupon.params, code });
  }
  cart = { ...cart, couponCodes: request.couponCodes ?? [] };

  // the lane's own pricing: the member's best coupons apply by themselves, as at a lane (cartPricingContext)
  const { lines, priced } = priceLaneCart(cart, cartPricingContext(deps, cart, instant));
  return ok(cartView(cart, lines, priced, pricing.promotionNames()));
}
