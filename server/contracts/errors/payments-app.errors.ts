import type { ErrorCatalogPart } from './error-entry.ts';

/** Tenders at the lane: split tender rules and the QR payment's life at the box (payments.errors.ts has the channels' own outcomes). */
export const paymentsAppErrors = {
  PAYMENT_IN_PROGRESS: {
    status: 409,
    zh: '有一笔支付尚未确认结果，请等待或撤销后再收款',
    en: 'A payment is still unconfirmed; wait for it or cancel it before taking another',
  },
  PAYMENT_NOTHING_DUE: { status: 409, zh: '已付清，无需再收款', en: 'Nothing is left to pay' },
  PAYMENT_EXCEEDS_DUE: {
    status: 409,
    zh: '非现金支付金额不能超过待付金额 {remainingFen} 分',
    en: 'A non-cash tender cannot exceed the {remainingFen} fen still due',
  },
  PAYMENT_CHANGE_NOT_CASH: {
    status: 409,
    zh: '只能用现金找零，非现金多付了 {overFen} 分',
    en: 'Change comes only from cash; non-cash tenders overpay by {overFen} fen',
  },
  PAYMENT_CODE_UNRECOGNISED: {
    status: 422,
    zh: '无法识别的付款码，请顾客出示支付宝、微信或云闪付付款码',
    en: 'Unrecognised payment code; ask for an Alipay, WeChat Pay or UnionPay code',
  },
  PAYMENT_CHANNEL_NOT_CONFIGURED: {
    status: 409,
    zh: '本店未开通{channel}收款',
    en: 'This store does not accept {channel}',
  },
  PAYMENT_NOT_FOUND: { status: 404, zh: '支付记录不存在', en: 'Payment not found' },
  PAYMENT_CANCELLED: {
    status: 409,
    zh: '支付已撤销，未扣款或已退回',
    en: 'The payment was cancelled; nothing was taken or it went back',
  },
  PAYMENT_NOTHING_TO_CANCEL: { status: 409, zh: '当前没有可撤销的支付', en: 'There is no payment to cancel' },
  CART_HAS_PAYMENTS: {
    status: 409,
    zh: '已有非现金支付，不能修改商品或挂单',
    en: 'Non-cash payments were taken; the cart cannot be changed or parked',
  },
} as const satisfies ErrorCatalogPart;
