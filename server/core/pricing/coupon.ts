/**
 * A coupon instance the lane hands to the pricing engine (issuing, ownership and usage limits are
 * the loyalty module's). Thresholds are checked on the net after line, tier and basket promotions.
 * Wire schema: server/contracts/pricing/coupon.schema.ts (kept equal at compile time).
 */
type CouponCommon = {
  code: string;
  templateId: string;
  name?: { zh: string; en: string };
  /** local dates YYYY-MM-DD */
  validFrom?: string;
  validTo?: string;
  /** may be used together with other stackable coupons; a non-stackable coupon must be the only one */
  stackable?: boolean;
  /**
   * The lines the coupon may touch, for every kind: a line is in scope when its SKU is listed or its
   * category path is under a listed category (both absent or empty: the whole basket). The threshold
   * is met on, and the discount allocated over, the lines in scope only.
   */
  scope?: { skus?: string[]; categories?: string[] };
};

type Flat<T> = { [P in keyof T]: T[P] };

export type Coupon =
  /** 满50减10 */
  | Flat<CouponCommon & { kind: 'amountOff'; thresholdFen: number; amountOffFen: number }>
  | Flat<CouponCommon & { kind: 'percentOff'; offBp: number; thresholdFen?: number; capFen?: number }>
  /** amount off with a threshold, both on the lines of these categories only */
  | Flat<CouponCommon & { kind: 'categoryAmountOff'; categories: string[]; thresholdFen: number; amountOffFen: number }>
  /** this many units of the SKU free, if the basket holds them (and the lines in scope reach the threshold: 满88送一件) */
  | Flat<CouponCommon & { kind: 'freeItem'; sku: string; thresholdFen?: number; quantity?: number }>;
