import type { PricingErrorCode } from '../errors/pricing.errors.ts';

/**
 * What the box answers on /ws/lane, as the lane screen and the tests read it. Wire shapes only: the
 * use cases build them from the domain types, and the compiler checks that what they build fits.
 * Money is integer fen.
 */
export type LaneLabel = { readonly zh: string; readonly en: string };

export type LaneDiscountSource =
  | { readonly kind: 'promotion'; readonly promotionId: string }
  | { readonly kind: 'coupon'; readonly code: string }
  | { readonly kind: 'points' }
  | { readonly kind: 'rounding' };

export type LaneCartLine = {
  readonly lineId: string;
  readonly sku: string;
  readonly name: LaneLabel;
  readonly unit: 'each' | 'kg';
  /** pieces, or grams for goods sold by weight */
  readonly quantity: number;
  readonly unitPriceFen: number;
  readonly priceOverridden: boolean;
  readonly grossFen: number;
  readonly discounts: ReadonlyArray<{
    readonly stage: 'line' | 'tier' | 'basket' | 'coupon' | 'points' | 'rounding';
    readonly source: LaneDiscountSource;
    readonly label: LaneLabel;
    readonly amountFen: number;
  }>;
  readonly netFen: number;
  readonly taxFen: number;
};

/** A tender the cart holds; a QR tender whose result is `unknown` blocks completion until decided. */
export type LaneTender =
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

/** The whole priced cart as the lane shows it: every reply carries one (null when the lane has none). */
export type CartView = {
  readonly cartId: string;
  readonly laneId: string;
  readonly totaled: boolean;
  readonly memberId: string | null;
  readonly lines: readonly LaneCartLine[];
  readonly totals: {
    readonly grossFen: number;
    readonly discountFen: number;
    readonly dueFen: number;
    readonly taxFen: number;
  };
  readonly promotions: ReadonlyArray<{ readonly id: string; readonly amountFen: number; readonly text: LaneLabel }>;
  readonly coupons: {
    readonly applied: ReadonlyArray<{
      readonly code: string;
      readonly templateId: string;
      readonly amountFen: number;
      readonly explanation: LaneLabel;
    }>;
    readonly rejected: ReadonlyArray<{
      readonly code: string;
      readonly templateId: string;
      readonly reason: PricingErrorCode;
      readonly params: Readonly<Record<string, string | number>>;
    }>;
    readonly codes: readonly string[];
  };
  /** null when no points were requested */
  readonly pointsRedeemed:
    | { readonly requested: number; readonly used: number; readonly fen: number; readonly explanation: LaneLabel }
    | {
        readonly requested: number;
        readonly used: 0;
        readonly fen: 0;
        readonly rejected: PricingErrorCode;
        readonly params: Readonly<Record<string, number>>;
      }
    | null;
  /** 抹零 taken off the amount due (negative when rounded up); null when nothing was rounded */
  readonly rounding: { readonly amountFen: number; readonly explanation: LaneLabel } | null;
  readonly tenders: readonly LaneTender[];
  readonly tenderedFen: number;
  readonly remainingFen: number;
  readonly changeFen: number;
  readonly display: { readonly due: string; readonly tendered: string; readonly change: string };
};

/** What the lane may see of a member: the phone masked (138****0000). */
export type LaneMember = {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly phone: string;
  readonly tier: { readonly code: string; readonly name: string };
  readonly pointsBalance: number;
  /** null when the member has no stored-value account */
  readonly storedValueFen: number | null;
};

/** A QR payment (付款码) as the lane sees it (never the payment code). */
export type LanePayment = {
  readonly paymentId: string;
  readonly channel: 'alipay' | 'wechat' | 'unionpay';
  readonly amountFen: number;
  readonly status: 'created' | 'pending' | 'succeeded' | 'failed' | 'cancelled' | 'unknown';
  readonly channelTxnId: string | null;
  readonly errorCode: string | null;
  readonly detail: string | null;
  readonly saleId: string | null;
  readonly orphan: { readonly at: string; readonly reason: string } | null;
};

/** A completed (or, on a retry with the same sale id, replayed) sale. */
export type LaneSale = {
  readonly saleId: string;
  readonly receiptNo: string;
  readonly dueFen: number;
  readonly tenderedFen: number;
  readonly changeFen: number;
  /** the receipt model (server/contracts/receipt.ts) as stored with the sale */
  readonly receipt: unknown;
  readonly replayed: boolean;
};

/** A cart parked on this lane, waiting to be resumed. */
export type LaneParkedCart = {
  readonly id: string;
  readonly cashier: string;
  readonly parkedAt: string;
  readonly lines: number;
};

/** A refusal: a stable code from the error catalog, the field it concerns, the message's params. */
export type LaneError = {
  readonly code: string;
  /** in the caller's language (zh-CN or en) */
  readonly message: string;
  readonly field?: string;
  readonly params?: Readonly<Record<string, string | number>>;
};
