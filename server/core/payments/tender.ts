import type { Fen } from '../money/index.ts';
import type { QrChannel } from './qr-channel.ts';

/** Every way a customer can pay; the tender table's `kind` takes the same values. */
export type TenderKind = 'cash' | 'card' | QrChannel | 'stored_value' | 'points' | 'coupon';

export const TENDER_KINDS: readonly TenderKind[] = [
  'cash',
  'card',
  'alipay',
  'wechat',
  'unionpay',
  'stored_value',
  'points',
  'coupon',
];

/** The receipt's name for each kind. */
export const TENDER_LABELS: Readonly<Record<TenderKind, { zh: string; en: string }>> = {
  cash: { zh: '现金', en: 'Cash' },
  card: { zh: '银行卡', en: 'Bank card' },
  alipay: { zh: '支付宝', en: 'Alipay' },
  wechat: { zh: '微信支付', en: 'WeChat Pay' },
  unionpay: { zh: '云闪付', en: 'UnionPay QR' },
  stored_value: { zh: '储值卡', en: 'Stored value' },
  points: { zh: '积分', en: 'Points' },
  coupon: { zh: '优惠券', en: 'Coupon' },
};

/** `id` becomes the tender row's id; the box makes one when a tender kind has none of its own. */
export type CashTender = { readonly kind: 'cash'; readonly id?: string; readonly amountFen: Fen };
/** Paid on the external card terminal: the box only records what the terminal printed. */
export type CardTender = {
  readonly kind: 'card';
  readonly id?: string;
  readonly amountFen: Fen;
  readonly reference: string;
  readonly authCode: string;
};
/** A QR payment the box made itself; `paymentId` is the merchant order number and the tender id. */
export type QrTender = {
  readonly kind: QrChannel;
  readonly id: string;
  readonly paymentId: string;
  readonly amountFen: Fen;
  /** `unknown`: the channel has not said; the sale cannot complete until a query or cancel decides */
  readonly status: 'succeeded' | 'unknown';
  readonly channelTxnId?: string;
};
/** Stored value, points-as-tender and coupons-as-tender, paid through loyalty; `reference` is its ledger entry. */
export type LoyaltyTender = {
  readonly kind: 'stored_value' | 'points' | 'coupon';
  readonly id?: string;
  readonly amountFen: Fen;
  readonly reference: string;
};

export type Tender = CashTender | CardTender | QrTender | LoyaltyTender;

/** A tender counts towards the amount due once its money is certain. */
export function isSettled(t: Tender): boolean {
  return !('status' in t) || t.status === 'succeeded';
}
