import type { ReconTender, StatementChannel } from '../../core/reconciliation/index.ts';

/** A payment attempt that no sale carries (migrations/0007_payments.sql), with its request time. */
export type SaleLessPayment = { readonly tender: ReconTender; readonly requestedAt: string };

/**
 * Our side of the matching (ReconciliationTenderRepository): tenders by channel and business day with their
 * refunds, QR payment attempts no sale carries, and what resolving an anomaly looks up.
 */
export interface ReconciliationTenderStore {
  /**
   * Tenders of the channel sold on `saleDays`, plus older tenders refunded on `refundDays` (a refund
   * row of the day names a sale of any earlier day), each with its succeeded refunds.
   * A busy day is a million tenders, read through covering indexes only (migrations/0011) in batches of
   * sales, so each batch's row arrays die young instead of a million of them being copied by the GC; the
   * day, status and empty refund list are shared, and tenders are indexed by id only when refunds need it.
   */
  tendersFor(channel: StatementChannel, saleDays: readonly string[], refundDays: readonly string[]): ReconTender[];
  /**
   * QR payment attempts without a sale, requested in [fromIso, toIso): the caller assigns each its
   * store-local business day. Empty when the payments tables do not exist.
   */
  saleLessPayments(channel: StatementChannel, fromIso: string, toIso: string): SaleLessPayment[];
  /** The QR payment behind an order number, for resolving an orphan (undefined before 0007 or when unknown). */
  payment(
    id: string,
  ):
    | { id: string; channel: string; amountFen: number; status: string; channelTxnId?: string; saleId?: string }
    | undefined;
  saleExists(saleId: string): boolean;
}
