import type { PaymentErrorCode } from '../../../contracts/errors/payments.errors.ts';

/**
 * ACP respCode (全渠道平台接入接口规范 应答码): 00 success; 03 交易通讯超时 and 04 交易状态未明
 * (query to learn the result); 05 交易已受理 (processing: keep querying); 06 系统繁忙; 12 重复交易;
 * 34 查无此交易. For queries, respCode is the query's own result and origRespCode the trade's.
 */
export const UP_SUCCESS = '00';
export const UP_PROCESSING = '05';
export const UP_UNKNOWN = ['03', '04', '06'];
export const UP_DUPLICATE = '12';
export const UP_NOT_FOUND = '34';

/** Refusals of the request itself: bad format, signature, merchant state or rights. */
export const upRequestCodes: Readonly<Record<string, PaymentErrorCode>> = {
  '10': 'PAYMENT_CHANNEL_REJECTED', // 报文格式错误
  '11': 'PAYMENT_CHANNEL_REJECTED', // 验证签名失败
  '13': 'PAYMENT_CHANNEL_REJECTED', // 报文交易要素缺失
  '31': 'PAYMENT_CHANNEL_REJECTED', // 商户状态不正确
  '32': 'PAYMENT_CHANNEL_REJECTED', // 无此交易权限
  '43': 'PAYMENT_CHANNEL_REJECTED', // 无此业务权限
  '34': 'PAYMENT_TRADE_NOT_FOUND',
};

/**
 * Payment outcomes. Card-level codes follow the ACP 6x range as commonly documented
 * (64 余额不足) — not confirmed against the current specification (docs/payments.md).
 */
export const upPayCodes: Readonly<Record<string, PaymentErrorCode>> = {
  ...upRequestCodes,
  '64': 'PAYMENT_INSUFFICIENT_BALANCE',
  '44': 'PAYMENT_AUTH_CODE_INVALID', // 输入号码错误: the C2B code is not valid
};

/** Refund (退货, txnType 04): 36 与原交易信息不符 is assumed to cover an amount above the remainder. */
export const upRefundCodes: Readonly<Record<string, PaymentErrorCode>> = {
  ...upRequestCodes,
  '35': 'PAYMENT_REFUND_REJECTED', // 原交易不存在或状态不正确
  '36': 'PAYMENT_REFUND_EXCEEDS_REMAINING',
};

export const upCancelCodes: Readonly<Record<string, PaymentErrorCode>> = {
  ...upRequestCodes,
  '35': 'PAYMENT_CANCEL_REJECTED',
  '39': 'PAYMENT_CANCEL_REJECTED', // 交易不在受理时间范围内: 冲正 only on the day
};
