import { err, ok, type Result } from '../result.ts';
import type { CartLine } from '../catalog/cart-line.ts';
import type { Coupon } from './coupon.ts';

export type { CartLine } from '../catalog/cart-line.ts';

/**
 * What the engine prices: the basket, who buys, when. Plain domain types; the wire schema the edge
 * validates with is server/contracts/pricing/pricing-request.schema.ts (kept equal at compile time).
 */
export type Member = {
  id: string;
  tier?: string;
  tags: string[];
  firstPurchase: boolean;
};

/** Local time of the sale, passed in (the core never reads the clock). */
export type PricingAt = {
  /** local date YYYY-MM-DD */
  date: string;
  /** ISO weekday 1 = Monday … 7 = Sunday */
  weekday: number;
  minuteOfDay: number;
};

export type PricingRequest = {
  storeId: string;
  channel?: string;
  at: PricingAt;
  lines: CartLine[];
  member?: Member;
  coupons?: Coupon[];
  /** points the member asks to pay with (balance is checked by loyalty) */
  pointsRequested?: number;
};

export type PricingRequestErrorCode = 'PRICING_INVALID_REQUEST' | 'PRICING_DUPLICATE_LINE_ID';

/**
 * The checks a schema cannot say, on a request whose shape the edge has validated: unique line ids,
 * counted lines of at least one unit. The field is a JSON pointer into the request.
 */
export function checkPricingRequest(request: PricingRequest): Result<PricingRequest, PricingRequestErrorCode> {
  const ids = new Set<string>();
  for (let i = 0; i < request.lines.length; i++) {
    const line = request.lines[i];
    if (ids.has(line.lineId)) return err('PRICING_DUPLICATE_LINE_ID', `/lines/${i}/lineId`, { lineId: line.lineId });
    ids.add(line.lineId);
    if (line.unit === 'each' && line.quantity < 1) {
      return err('PRICING_INVALID_REQUEST', `/lines/${i}/quantity`, {
        path: `/lines/${i}/quantity`,
        reason: 'a counted line needs at least one unit',
      });
    }
  }
  return ok(request);
}
