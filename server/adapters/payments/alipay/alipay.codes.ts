import type { PaymentErrorCode } from '../../../contracts/errors/payments.errors.ts';

/**
 * Alipay public codes (开放平台 公共错误码): 10000 success, 10003 waiting for the buyer (当面付:
 * 用户支付中), 20000 service unavailable (result unknown), 40001/40002/40006 request rejected
 * (missing/invalid arguments, 40002 with sub_code isv.invalid-signature), 40004 business failure
 * with a sub_code.
 */
export const ALIPAY_SUCCESS = '10000';
export const ALIPAY_USER_PAYING = '10003';
export const ALIPAY_UNKNOWN = '20000';
export const ALIPAY_BUSINESS_FAILED = '40004';
export const ALIPAY_REJECTED = ['40001', '40002', '40003', '40006'];

/** sub_codes (alipay.trade.* 业务错误码) → our codes. Unlisted 40004 sub_codes are PAYMENT_DECLINED. */
export const alipaySubCodes: Readonly<Record<string, PaymentErrorCode>> = {
  'ACQ.BUYER_BALANCE_NOT_ENOUGH': 'PAYMENT_INSUFFICIENT_BALANCE',
  'ACQ.BUYER_BANKCARD_BALANCE_NOT_ENOUGH': 'PAYMENT_INSUFFICIENT_BALANCE',
  'ACQ.PAYMENT_AUTH_CODE_INVALID': 'PAYMENT_AUTH_CODE_INVALID',
  'ACQ.TRADE_HAS_CLOSE': 'PAYMENT_TRADE_CLOSED',
  'ACQ.TRADE_NOT_EXIST': 'PAYMENT_TRADE_NOT_FOUND',
  // "The old information mismatches with those in the system" — same out_trade_no, other content
  'ACQ.CONTEXT_INCONSISTENT': 'PAYMENT_ORDER_NO_REUSED',
  'ACQ.TRADE_BUYER_NOT_MATCH': 'PAYMENT_ORDER_NO_REUSED',
  // alipay.trade.refund: 退款金额超限
  'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL': 'PAYMENT_REFUND_EXCEEDS_REMAINING',
  'ACQ.SELLER_BALANCE_NOT_ENOUGH': 'PAYMENT_MERCHANT_BALANCE_INSUFFICIENT',
};

/** "System error, such as time out — call the inquiry API ASAP": the trade may exist. */
export const ALIPAY_SYSTEM_ERROR = 'ACQ.SYSTEM_ERROR';
/** "The payment is done successfully" for a repeated pay: resolve by query. */
export const ALIPAY_TRADE_HAS_SUCCESS = 'ACQ.TRADE_HAS_SUCCESS';
