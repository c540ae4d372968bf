import type { PricingErrorCode } from './pricing-error-code.ts';
import type { Fen } from '../money/index.ts';
import type { Explanation } from './explanation.ts';
import type { DiscountShare, DiscountStage } from './work-line.ts';

/** One priced line: what it cost, who took how much off, what is left, the VAT inside it. */
export type PricedLine = {
  readonly lineId: string;
  readonly sku: string;
  readonly grossFen: Fen;
  /** in the order applied; their sum is discountFen */
  readonly discounts: readonly DiscountShare[];
  readonly discountFen: Fen;
  readonly netFen: Fen;
  /** VAT included in the net: net × rate / (1 + rate), half-up */
  readonly taxFen: Fen;
  /** 10000 = normal points; the loyalty module earns points on netFen × this */
  readonly pointsMultiplierBp: number;
  /** points of the redemption (stage 5) this line carries; 0 when none. Stored with the sale line, refunds read it back */
  readonly pointsRedeemed: number;
};

export type PromotionApplied = {
  readonly promotionId: string;
  readonly stage: DiscountStage | 'afterSale';
  /** 0 for points multipliers and coupon issues */
  readonly amountFen: Fen;
  readonly explanation: Explanation;
};

export type CouponApplied = {
  readonly code: string;
  readonly templateId: string;
  readonly amountFen: Fen;
  readonly explanation: Explanation;
};
export type CouponRejected = {
  readonly code: string;
  readonly templateId: string;
  readonly reason: PricingErrorCode;
  readonly params: Readonly<Record<string, string | number>>;
};

export type PointsRedeemed =
  | { readonly requested: number; readonly used: number; readonly fen: Fen; readonly explanation: Explanation }
  | {
      readonly requested: number;
      readonly used: 0;
      readonly fen: 0;
      readonly rejected: PricingErrorCode;
      readonly params: Readonly<Record<string, number>>;
    };

export type CouponToIssue = { readonly promotionId: string; readonly templateId: string; readonly count: number };

export type PricedCart = {
  readonly lines: readonly PricedLine[];
  readonly totals: { readonly grossFen: Fen; readonly discountFen: Fen; readonly dueFen: Fen; readonly taxFen: Fen };
  readonly promotionsApplied: readonly PromotionApplied[];
  readonly couponsApplied: readonly CouponApplied[];
  readonly couponsRejected: readonly CouponRejected[];
  /** null when no points were requested */
  readonly pointsRedeemed: PointsRedeemed | null;
  /** 抹零 taken off the amount due (negative when rounded up); null when nothing was rounded */
  readonly rounding: { readonly amountFen: Fen; readonly explanation: Explanation } | null;
  readonly couponTemplatesToIssue: readonly CouponToIssue[];
};
