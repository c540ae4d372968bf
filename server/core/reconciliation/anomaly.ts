import type { Fen } from '../money/index.ts';
import type { StatementChannel } from './statement-row.ts';
import type { TenderStatus } from './tender.ts';

/**
 * What a person has to look at after matching (DESIGN.md "Payments and reconciliation"):
 * - paid_without_order   支付成功但未出单: the channel took money for an order we have no succeeded tender for
 * - order_without_payment 已出单未到账: a succeeded tender the channel's statements do not show
 * - amount_mismatch      the channel charged another amount than the tender
 * - duplicate_payment    more than one payment row for one tender (paid twice, or a row repeated)
 * - refund_mismatch      a refund whose amount differs, or that only one side has, or that appears twice
 * - late_settlement      matched, but in a later day's statement than the sale (informational)
 */
export type AnomalyKind =
  | 'paid_without_order'
  | 'order_without_payment'
  | 'amount_mismatch'
  | 'duplicate_payment'
  | 'refund_mismatch'
  | 'late_settlement';

export const ANOMALY_KINDS: readonly AnomalyKind[] = [
  'paid_without_order',
  'order_without_payment',
  'amount_mismatch',
  'duplicate_payment',
  'refund_mismatch',
  'late_settlement',
];

export type RefundMismatchReason = 'amount' | 'missing_in_channel' | 'missing_in_store' | 'duplicate';

export type Anomaly = {
  /** stable across re-runs: channel + kind + the business keys (see anomalyId) */
  readonly id: string;
  readonly kind: AnomalyKind;
  readonly channel: StatementChannel;
  /** the business day whose report carries this anomaly */
  readonly businessDate: string;
  readonly tenderId?: string;
  readonly saleId?: string;
  readonly tenderStatus?: TenderStatus;
  readonly refundId?: string;
  readonly reason?: RefundMismatchReason;
  readonly merchantOrderNo?: string;
  readonly channelTxnIds: readonly string[];
  /** our amount (tender or refund), when we have one */
  readonly expectedFen?: Fen;
  /** the channel's amount(s), one per statement row involved, in row order */
  readonly statementFen: readonly Fen[];
  /** statement day of each row involved */
  readonly statementDates: readonly string[];
  /** source line of each row involved */
  readonly lines: readonly number[];
};

/**
 * `alipay:amount_mismatch:T123`: each key is URI-encoded so that ':' inside an order number cannot
 * make two different anomalies share an id.
 */
export function anomalyId(channel: StatementChannel, kind: AnomalyKind, keys: readonly string[]): string {
  let id = `${channel}:${kind}`;
  for (const k of keys) id += ':' + encodeURIComponent(k);
  return id;
}
