import type { BasisPoints, Fen } from '../../money/index.ts';
import { addDays, type IsoDate } from '../calendar.ts';

/** What the pricing engine applies at the lane (server/core/pricing owns the arithmetic). */
export type CouponEffect =
  | { readonly kind: 'amount-off'; readonly amountFen: Fen; readonly thresholdFen: Fen } // 满100减20
  | { readonly kind: 'percent-off'; readonly payBp: BasisPoints; readonly thresholdFen: Fen; readonly maxOffFen?: Fen } // 8.5折券
  | { readonly kind: 'free-item'; readonly sku: string; readonly thresholdFen: Fen }; // 满88送一件

/** Lines the effect may touch: category path prefixes and/or SKUs; both empty = the whole basket. */
export type CouponScope = { readonly categoryPaths: readonly (readonly string[])[]; readonly skus: readonly string[] };

export type CouponValidity =
  | { readonly kind: 'fixed'; readonly from: IsoDate; readonly to: IsoDate }
  /** usable from issue day + startsAfterDays for `days` days (next-visit coupons start tomorrow: 1) */
  | { readonly kind: 'relative'; readonly days: number; readonly startsAfterDays: number };

/** What a refund of the sale that used the coupon does to it. */
export type CouponRestorePolicy = 'never' | 'full-refund' | 'any-refund';

export type CouponTemplate = {
  readonly id: string;
  readonly name: string;
  readonly effect: CouponEffect;
  readonly scope: CouponScope;
  readonly validity: CouponValidity;
  readonly perSaleLimit: number;
  readonly perMemberLimit?: number;
  readonly issueLimit?: number;
  readonly restorePolicy: CouponRestorePolicy;
};

/** First and last usable day (inclusive) of an instance issued on `issuedOn`. */
export function couponWindow(validity: CouponValidity, issuedOn: IsoDate): { validFrom: IsoDate; validTo: IsoDate } {
  if (validity.kind === 'fixed') return { validFrom: validity.from, validTo: validity.to };
  const validFrom = addDays(issuedOn, validity.startsAfterDays);
  return { validFrom, validTo: addDays(validFrom, validity.days - 1) };
}
