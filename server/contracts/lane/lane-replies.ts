import type { CartView, CartViewTender } from './cart-view.ts';

/** The cart every lane reply carries is the contract's cart view (cart-view.ts). */
export type { CartView };
/** one tender as the cart view lists it */
export type LaneTender = CartViewTender;

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
