import { lineGross, type LineGrossErrorCode, type LineMeasure, type Product } from '../catalog/index.ts';
import { err, ok, type Result } from '../result.ts';
import type { Tender } from '../payments/tender.ts';

/** One line of an open cart: what was scanned and how much; prices come from the catalog at pricing time. */
export type CartItem = {
  readonly lineId: string;
  readonly product: Product;
  readonly measure: LineMeasure;
  /** a supervisor's price override, fen per unit (or per kg) */
  readonly unitPriceOverrideFen?: number;
};

export type { CashTender, Tender } from '../payments/tender.ts';

export type Cart = {
  readonly id: string;
  readonly laneId: string;
  readonly cashier: string;
  readonly openedAt: string;
  readonly items: readonly CartItem[];
  readonly memberId?: string;
  readonly couponCodes: readonly string[];
  readonly pointsRequested?: number;
  /** after `total` the basket is fixed: changing it needs a supervisor */
  readonly totaled: boolean;
  readonly tenders: readonly Tender[];
  /** next line number, so line ids never repeat within a cart */
  readonly nextLine: number;
};

export type CartErrorCode =
  | 'CART_LINE_NOT_FOUND'
  | 'CART_NOT_WEIGHED'
  | 'CART_TOTALED'
  | 'CART_EMPTY'
  | 'CART_QUANTITY_NOT_ALLOWED'
  | 'CART_HAS_PAYMENTS';

export function openCart(id: string, laneId: string, cashier: string, openedAt: string): Cart {
  return { id, laneId, cashier, openedAt, items: [], couponCodes: [], totaled: false, tenders: [], nextLine: 1 };
}

/**
 * Adds a scanned item. Scanning a counted product again adds to its last plain line (how
 * cashiers expect a second scan to show); weighed and label-priced items are always their own line.
 */
export function addItem(
  cart: Cart,
  product: Product,
  measure: LineMeasure,
): Result<Cart, CartErrorCode | LineGrossErrorCode> {
  if (cart.totaled) return err('CART_TOTALED', 'cart');
  // a cart never holds a line it cannot price (every later message would fail on it)
  const gross = lineGross(product, measure);
  if (!gross.ok) return gross;
  const items = [...cart.items];
  if (measure.kind === 'count') {
    const last = items.length - 1;
    const prev = items[last];
    if (
      prev &&
      prev.product.sku === product.sku &&
      prev.measure.kind === 'count' &&
      prev.unitPriceOverrideFen === undefined
    ) {
      items[last] = { ...prev, measure: { kind: 'count', count: prev.measure.count + measure.count } };
      return ok({ ...cart, items });
    }
  }
  items.push({ lineId: `${cart.id}:${cart.nextLine}`, product, measure });
  return ok({ ...cart, items, nextLine: cart.nextLine + 1 });
}

export function setQuantity(cart: Cart, lineId: string, count: number): Result<Cart, CartErrorCode> {
  if (cart.totaled) return err('CART_TOTALED', 'cart');
  const index = cart.items.findIndex((i) => i.lineId === lineId);
  if (index < 0) return err('CART_LINE_NOT_FOUND', 'lineId', { lineId });
  const item = cart.items[index];
  if (item.measure.kind !== 'count') return err('CART_QUANTITY_NOT_ALLOWED', 'lineId', { lineId });
  const items = [...cart.items];
  items[index] = { ...item, measure: { kind: 'count', count } };
  return ok({ ...cart, items });
}

/** Removing a line after total is allowed here; the caller checks the supervisor first. */
export function removeLine(cart: Cart, lineId: string): Result<Cart, CartErrorCode> {
  if (hasNonCashTenders(cart)) return err('CART_HAS_PAYMENTS', 'cart');
  if (!cart.items.some((i) => i.lineId === lineId)) return err('CART_LINE_NOT_FOUND', 'lineId', { lineId });
  return ok({ ...cart, items: cart.items.filter((i) => i.lineId !== lineId), tenders: [] });
}

export function overridePrice(cart: Cart, lineId: string, unitPriceFen: number): Result<Cart, CartErrorCode> {
  if (hasNonCashTenders(cart)) return err('CART_HAS_PAYMENTS', 'cart');
  const index = cart.items.findIndex((i) => i.lineId === lineId);
  if (index < 0) return err('CART_LINE_NOT_FOUND', 'lineId', { lineId });
  const items = [...cart.items];
  items[index] = { ...items[index], unitPriceOverrideFen: unitPriceFen };
  return ok({ ...cart, items, tenders: [] });
}

export function total(cart: Cart): Result<Cart, CartErrorCode> {
  if (cart.items.length === 0) return err('CART_EMPTY', 'cart');
  return ok({ ...cart, totaled: true });
}

export function addCashTender(cart: Cart, amountFen: number): Result<Cart, CartErrorCode> {
  return addTender(cart, { kind: 'cash', amountFen });
}

/** Any tender (card, QR, stored value...); the split-tender rules are checked by the caller (core/payments). */
export function addTender(cart: Cart, tender: Tender): Result<Cart, CartErrorCode> {
  if (cart.items.length === 0) return err('CART_EMPTY', 'cart');
  return ok({ ...cart, totaled: true, tenders: [...cart.tenders, tender] });
}

/** Replaces a tender (a QR payment whose result came in) or drops it (`undefined`: failed or cancelled). */
export function replaceTender(cart: Cart, id: string, next: Tender | undefined): Cart {
  const tenders = cart.tenders.flatMap((t) => (t.id !== id ? [t] : next ? [next] : []));
  return { ...cart, tenders };
}

/**
 * Money taken by a channel, a terminal or loyalty cannot be given back by editing the cart: lines
 * and prices are fixed once such a tender exists (a void leaves the payment for reconciliation).
 */
export function hasNonCashTenders(cart: Cart): boolean {
  return cart.tenders.some((t) => t.kind !== 'cash');
}
