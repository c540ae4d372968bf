import type { Fen } from '../money/index.ts';

/** Payment channels whose statements Storebox imports (DESIGN.md "Payments and reconciliation"). */
export type StatementChannel = 'alipay' | 'wechat' | 'unionpay' | 'card';

export const STATEMENT_CHANNELS: readonly StatementChannel[] = ['alipay', 'wechat', 'unionpay', 'card'];

/**
 * One money movement on a channel statement, normalised from whichever layout it came in.
 * Amounts are positive fen; `kind` gives the direction.
 */
export type StatementRow = {
  readonly channel: StatementChannel;
  readonly merchantId: string;
  /** our tender id as sent to the channel (out_trade_no / orderId); for a refund row, the original order's */
  readonly merchantOrderNo: string;
  /** the channel's id of the payment; for a refund row, the original payment's id */
  readonly channelTxnId: string;
  readonly kind: 'payment' | 'refund';
  /** refund rows: our refund request number (out_request_no / out_refund_no) */
  readonly refundRequestNo?: string;
  /** order amount as requested from the channel (what a tender / refund records), positive */
  readonly amountFen: Fen;
  /** amount credited (payment) or debited (refund) to the merchant before fees, positive */
  readonly settledFen: Fen;
  /** fee charged on this row; negative when a refund returns part of the fee */
  readonly feeFen: Fen;
  /** local time as printed in the file, ISO form `YYYY-MM-DDTHH:mm:ss` */
  readonly occurredAt: string;
  /** the statement day this row belongs to, `YYYY-MM-DD` */
  readonly businessDate: string;
  /** 1-based line (or record) number in the source file */
  readonly line: number;
};

export type StatementTotals = {
  readonly paymentCount: number;
  readonly paymentFen: Fen;
  readonly refundCount: number;
  readonly refundFen: Fen;
  readonly feeFen: Fen;
  /** Σ settled payments − Σ settled refunds − Σ fees */
  readonly netFen: Fen;
};

/** A whole statement file, validated and normalised. */
export type ParsedStatement = {
  readonly channel: StatementChannel;
  /** which published layout the file was in, e.g. `alipay-trade-detail`, `wechat-trade-all` */
  readonly layout: string;
  readonly merchantId: string;
  /** first and last business day covered (inclusive), `YYYY-MM-DD`; empty when a file has no rows and no dates */
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly rowCount: number;
  readonly rows: readonly StatementRow[];
  readonly totals: StatementTotals;
  /** hex SHA-256 of the bytes as given: the same file imported twice has the same hash */
  readonly contentHash: string;
};

export function totalsOf(rows: readonly StatementRow[]): StatementTotals {
  let paymentCount = 0;
  let paymentFen = 0;
  let refundCount = 0;
  let refundFen = 0;
  let feeFen = 0;
  let settled = 0;
  for (const r of rows) {
    if (r.kind === 'payment') {
      paymentCount++;
      paymentFen += r.amountFen;
      settled += r.settledFen;
    } else {
      refundCount++;
      refundFen += r.amountFen;
      settled -= r.settledFen;
    }
    feeFen += r.feeFen;
  }
  return { paymentCount, paymentFen, refundCount, refundFen, feeFen, netFen: settled - feeFen };
}
