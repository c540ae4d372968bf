import type { PaymentErrorCode } from '../../../contracts/errors/payments.errors.ts';

/**
 * err_code values of WeChat Pay v2 付款码支付 (micropay, orderquery, reverse, refund).
 * SYSTEMERROR / BANKERROR: "系统超时…请立即调用被扫订单结果查询API" — the result is unknown.
 * USERPAYING: "用户支付中，需要输入密码，等待5秒，然后调用被扫订单结果查询API".
 */
export const WECHAT_UNKNOWN = ['SYSTEMERROR', 'BANKERROR', 'BIZERR_NEED_RETRY'];
export const WECHAT_USER_PAYING = 'USERPAYING';
export const WECHAT_ORDER_PAID = 'ORDERPAID';

export const wechatPayCodes: Readonly<Record<string, PaymentErrorCode>> = {
  NOTENOUGH: 'PAYMENT_INSUFFICIENT_BALANCE',
  AUTHCODEEXPIRE: 'PAYMENT_AUTH_CODE_INVALID',
  AUTH_CODE_ERROR: 'PAYMENT_AUTH_CODE_INVALID',
  AUTH_CODE_INVALID: 'PAYMENT_AUTH_CODE_INVALID',
  ORDERCLOSED: 'PAYMENT_TRADE_CLOSED',
  ORDERREVERSED: 'PAYMENT_TRADE_CLOSED',
  ORDERNOTEXIST: 'PAYMENT_TRADE_NOT_FOUND',
  OUT_TRADE_NO_USED: 'PAYMENT_ORDER_NO_REUSED',
  SIGNERROR: 'PAYMENT_CHANNEL_REJECTED',
  APPID_MCHID_NOT_MATCH: 'PAYMENT_CHANNEL_REJECTED',
  NOAUTH: 'PAYMENT_CHANNEL_REJECTED',
  PARAM_ERROR: 'PAYMENT_CHANNEL_REJECTED',
  LACK_PARAMS: 'PAYMENT_CHANNEL_REJECTED',
  XML_FORMAT_ERROR: 'PAYMENT_CHANNEL_REJECTED',
};

/** On refunds NOTENOUGH is the merchant's balance (商户可用退款余额不足), not the customer's. */
export const wechatRefundCodes: Readonly<Record<string, PaymentErrorCode>> = {
  ...wechatPayCodes,
  NOTENOUGH: 'PAYMENT_MERCHANT_BALANCE_INSUFFICIENT',
  // "累计退款金额大于支付金额"
  REFUND_FEE_INVALID: 'PAYMENT_REFUND_EXCEEDS_REMAINING',
  INVALID_TRANSACTIONID: 'PAYMENT_TRADE_NOT_FOUND',
  TRADE_STATE_ERROR: 'PAYMENT_REFUND_REJECTED',
};

export const wechatReverseCodes: Readonly<Record<string, PaymentErrorCode>> = {
  ...wechatPayCodes,
  // 订单已超过可撤销时间 (reverse only within 7 days) and similar refusals
  REVERSE_EXPIRE: 'PAYMENT_CANCEL_REJECTED',
  INVALID_TRANSACTIONID: 'PAYMENT_TRADE_NOT_FOUND',
  TRADE_STATE_ERROR: 'PAYMENT_CANCEL_REJECTED',
};
