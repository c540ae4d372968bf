import type { ErrorCatalogPart } from './error-entry.ts';

/**
 * Outcomes of QR payment channels (Alipay, WeChat Pay, UnionPay QR) mapped to stable codes.
 * The channel's own code travels beside these in `channelCode` for support.
 */
export const paymentsErrors = {
  PAYMENT_INSUFFICIENT_BALANCE: {
    status: 402,
    zh: '顾客余额不足，请换卡或换其他方式支付',
    en: "The customer's balance is insufficient; use another card or tender",
  },
  PAYMENT_AUTH_CODE_INVALID: {
    status: 422,
    zh: '付款码无效或已过期，请顾客刷新付款码',
    en: 'The payment code is invalid or expired; ask the customer to refresh it',
  },
  PAYMENT_DECLINED: { status: 402, zh: '支付被拒绝：{message}', en: 'Payment declined: {message}' },
  PAYMENT_TRADE_CLOSED: { status: 409, zh: '该订单已关闭或已撤销', en: 'The trade is closed or reversed' },
  PAYMENT_TRADE_NOT_FOUND: { status: 404, zh: '支付渠道中不存在该订单', en: 'The channel has no such trade' },
  PAYMENT_ORDER_NO_INVALID: {
    status: 400,
    zh: '商户订单号格式不被{channel}接受',
    en: 'The merchant order number is not accepted by {channel}',
  },
  PAYMENT_ORDER_NO_REUSED: {
    status: 409,
    zh: '商户订单号已用于另一笔不同的交易',
    en: 'The merchant order number was already used for a different trade',
  },
  PAYMENT_CHANNEL_REJECTED: {
    status: 502,
    zh: '支付渠道拒绝了请求（请检查商户配置与密钥）：{message}',
    en: 'The channel rejected the request (check merchant configuration and keys): {message}',
  },
  PAYMENT_CANCEL_REJECTED: {
    status: 409,
    zh: '无法撤销该笔交易：{message}',
    en: 'The trade cannot be cancelled: {message}',
  },
  PAYMENT_REFUND_EXCEEDS_REMAINING: {
    status: 409,
    zh: '退款金额超过该笔交易的可退金额',
    en: 'The refund exceeds the amount still refundable on the trade',
  },
  PAYMENT_MERCHANT_BALANCE_INSUFFICIENT: {
    status: 409,
    zh: '商户账户可用余额不足，暂无法退款',
    en: "The merchant account's balance is too low to refund now",
  },
  PAYMENT_REFUND_REJECTED: { status: 409, zh: '退款被拒绝：{message}', en: 'Refund rejected: {message}' },
  PAYMENT_RESULT_UNKNOWN: {
    status: 504,
    zh: '支付结果未知（{reason}），请稍候查询，切勿重复收款',
    en: 'Payment result unknown ({reason}); query later and do not charge again',
  },
  PAYMENT_TIMED_OUT: {
    status: 408,
    zh: '顾客未在规定时间内完成支付，交易已撤销',
    en: 'The customer did not complete the payment in time; the trade was cancelled',
  },
} as const satisfies ErrorCatalogPart;

export type PaymentErrorCode = keyof typeof paymentsErrors;
