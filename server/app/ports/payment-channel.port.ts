import type { Fen } from '../../core/money/index.ts';
import type { PaymentErrorCode } from '../../contracts/errors/payments.errors.ts';

/**
 * One QR payment channel (付款码支付 / micropay / 被扫): the cashier scans the customer's payment
 * code and the box calls the channel over its own outbound connection. Alipay, WeChat Pay and
 * UnionPay QR each implement this port; an aggregator (聚合支付) can implement it later.
 *
 * Contract for every implementation:
 * - never throws for anything the network or the channel does: timeouts, refused connections,
 *   malformed or badly signed answers all come back as `unknown` with a reason;
 * - an answer whose signature does not verify is never `succeeded`;
 * - no key, API secret or full auth code appears in any returned message.
 */
export type ChannelId = 'alipay' | 'wechat' | 'unionpay';

export interface PaymentChannel {
  readonly channel: ChannelId;
  /** Sends the payment once. The caller persists state `pending` before calling (docs/payments.md). */
  pay(req: PayRequest): Promise<ChannelAnswer>;
  /** Asks the channel where the trade stands. Safe to repeat. */
  query(ref: TradeRef): Promise<ChannelAnswer>;
  /** Cancels / reverses (Alipay alipay.trade.cancel, WeChat reverse, UnionPay 冲正): refunds if already paid. */
  cancel(ref: TradeRef): Promise<CancelAnswer>;
  /** Refunds part or all of a succeeded trade; `outRequestNo` makes a retry idempotent at the channel. */
  refund(req: RefundRequest): Promise<RefundAnswer>;
}

/** The tender id is the merchant order number (out_trade_no / orderId) sent to the channel. */
export type TradeRef = {
  readonly outTradeNo: string;
  /** When pay() was first sent: UnionPay identifies a trade by orderId + txnTime. */
  readonly requestedAt: Date;
};

export type PayRequest = TradeRef & {
  readonly amountFen: Fen;
  /** The customer's payment code as scanned; never logged in full (see app/payments/mask-auth-code.ts). */
  readonly authCode: string;
  /** Shown to the customer in the wallet (订单标题). */
  readonly subject: string;
  readonly storeId: string;
  readonly terminalId: string;
};

export type RefundRequest = TradeRef & {
  /** Our refund id (Alipay out_request_no, WeChat out_refund_no, UnionPay refund orderId). */
  readonly outRequestNo: string;
  /** When this refund was first sent; a retry reuses it (UnionPay keys a refund by orderId + txnTime). */
  readonly refundRequestedAt: Date;
  readonly refundFen: Fen;
  readonly totalFen: Fen;
  /** The channel's id of the paid trade when known (UnionPay refunds need it as origQryId). */
  readonly channelTxnId?: string;
  readonly reason?: string;
};

/** Why an outcome is not known. The caller must query (or cancel) before deciding. */
export type UnknownReason =
  | 'timeout' // no complete answer before the configured timeout
  | 'network' // connection refused / reset / DNS
  | 'bad-signature' // the answer's signature did not verify with the channel's key
  | 'malformed' // the answer could not be parsed or lacks required fields
  | 'channel-error'; // the channel itself says "system error, result unknown" (Alipay 20000, WeChat SYSTEMERROR)

export type Succeeded = {
  readonly status: 'succeeded';
  readonly channelTxnId: string;
  /** ISO 8601 with the +08:00 offset the channels report in. */
  readonly paidAt: string;
  readonly amountFen: Fen;
};
export type Pending = { readonly status: 'pending'; readonly detail: string };
export type Failed = {
  readonly status: 'failed';
  readonly code: PaymentErrorCode;
  /** The channel's own code (sub_code / err_code / respCode), for logs and support. */
  readonly channelCode: string;
  /** The channel's message, free of secrets. */
  readonly message: string;
};
export type Unknown = { readonly status: 'unknown'; readonly reason: UnknownReason; readonly detail: string };

export type ChannelAnswer = Succeeded | Pending | Failed | Unknown;

export type CancelAnswer =
  /** The trade is closed at the channel; `refunded` says money had been taken and went back. */
  | { readonly status: 'cancelled'; readonly refunded: boolean }
  /** The channel asks for the same cancel again (Alipay retry_flag=Y, WeChat recall=Y). */
  | { readonly status: 'retry'; readonly detail: string }
  | Failed
  | Unknown;

/**
 * `succeeded` means the channel accepted the refund (WeChat 受理成功, UnionPay respCode 00); the few
 * that fail later show up in the channel's statement and reconciliation flags them.
 */
export type RefundAnswer =
  | {
      readonly status: 'succeeded';
      readonly refundFen: Fen;
      /** Total refunded on the trade so far, when the channel says (Alipay refund_fee). */
      readonly totalRefundedFen?: Fen;
      readonly channelRefundId?: string;
    }
  | Failed
  | Unknown;
