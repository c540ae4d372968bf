import type { ErrorCatalogPart } from './error-entry.ts';

/**
 * Refunding a payment the channel took for no sale (支付成功但未出单), when a manager resolves its
 * reconciliation anomaly with refund_orphan. A channel's definite refusal comes back with the
 * channel's own payments code (PAYMENT_REFUND_REJECTED, PAYMENT_MERCHANT_BALANCE_INSUFFICIENT, ...).
 */
export const orphanRefundErrors = {
  RECON_ORPHAN_REFUND_UNKNOWN: {
    status: 504,
    zh: '退款结果未知（{reason}），差异仍待处理；再次处理会以同一退款单号 {refundId} 重试，不会重复退款',
    en: 'The refund’s result is unknown ({reason}); the anomaly stays open. Resolving again retries the same refund id {refundId} and cannot refund twice',
  },
  RECON_ORPHAN_PAYMENT_UNSETTLED: {
    status: 409,
    zh: '支付 {paymentId} 的结果尚未确认（{status}），请先查询支付结果再退款',
    en: 'Payment {paymentId} is not settled yet ({status}); query its result before refunding',
  },
  RECON_ORPHAN_PAYMENT_IN_CART: {
    status: 409,
    zh: '支付 {paymentId} 仍在收银台 {laneId} 的购物车中，可能还会完成销售，暂不能退款',
    en: 'Payment {paymentId} is still in an open cart at lane {laneId} and may yet complete a sale; it cannot be refunded now',
  },
} as const satisfies ErrorCatalogPart;
