import type { PricingErrorCode } from '../errors/pricing.errors.ts';

/**
 * The whole priced cart as the lane shows it: every lane reply carries one (docs/lane-protocol.md).
 * Built by server/app/checkout/cart-view.ts from the core's priced cart; the lane screen reads this
 * type only. Amounts are integer fen. test/contracts/wire-matches-domain.ts keeps the parts that
 * mirror core types (discount stage and source, totals, coupons, points, rounding, tenders) equal to them.
 */
export type Label = { zh: string; en: string };

export type CartViewText = { readonly zh: string; readonly en: string };

export type CartViewDiscountStage = 'line' | 'tier' | 'basket' | 'coupon' | 'points' | 'rounding';

export type CartViewDiscountSource =
  | { readonly kind: 'promotion'; readonly promotionId: string }
  | { readonly kind: 'coupon'; readonly code: string }
  | { readonly kind: 'points' }
  | { readonly kind: 'rounding' };

export type CartViewTotals = {
  readonly grossFen: number;
  readonly discountFen: number;
  readonly dueFen: number;
  readonly taxFen: number;
};

export type CartViewCouponApplied = {
  readonly code: string;
  readonly templateId: string;
  readonly amountFen: number;
  readonly explanation: CartViewText;
};

export type CartViewCouponRejected = {
  readonly code: string;
  readonly templateId: string;
  readonly reason: PricingErrorCode;
  readonly params: Readonly<Record<string, string | number>>;
};

export type CartViewPointsRedeemed =
  | { readonly requested: number; readonly used: number; readonly fen: number; readonly explanation: CartViewText }
  | {
      readonly requested: number;
      readonly used: 0;
      readonly fen: 0;
      readonly rejected: PricingErrorCode;
      readonly params: Readonly<Record<string, number>>;
    };

export type CartViewRounding = { readonly amountFen: number; readonly explanation: CartViewText } | null;

export type CartViewTender =
  | { readonly kind: 'cash'; readonly id?: string; readonly amountFen: number }
  | {
      readonly kind: 'card';
      readonly id?: string;
      readonly amountFen: number;
      readonly reference: string;
      readonly authCode: string;
    }
  | {
      readonly kind: 'alipay' | 'wechat' | 'unionpay';
      readonly id: string;
      readonly paymentId: string;
      readonly amountFen: number;
      readonly status: 'succeeded' | 'unknown';
      readonly channelTxnId?: string;
    }
  | {
      readonly kind: 'stored_value' | 'points' | 'coupon';
      readonly id?: string;
      readonly amountFen: number;
      readonly reference: string;
    };

export type CartView = {
  cartId: string;
  laneId: string;
  totaled: boolean;
  memberId: string | null;
  lines: Array<{
    lineId: string;
    sku: string;
    name: Label;
    unit: 'each' | 'kg';
    quantity: number;
    unitPriceFen: number;
    priceOverridden: boolean;
    grossFen: number;
    discounts: Array<{
      stage: CartViewDiscountStage;
      source: CartViewDiscountSource;
      label: Label;
      amountFen: number;
    }>;
    netFen: number;
    taxFen: number;
  }>;
  totals: CartViewTotals;
  promotions: Array<{ id: string; amountFen: number; text: Label }>;
  coupons: {
    applied: readonly CartViewCouponApplied[];
    rejected: readonly CartViewCouponRejected[];
    codes: readonly string[];
  };
  pointsRedeemed: CartViewPointsRedeemed | null;
  rounding: CartViewRounding;
  tenders: readonly CartViewTender[];
  tenderedFen: number;
  remainingFen: number;
  changeFen: number;
  display: { due: string; tendered: string; change: string };
};
