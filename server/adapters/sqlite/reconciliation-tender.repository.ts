import type { ReconRefund, ReconTender, StatementChannel, TenderStatus } from '../../core/reconciliation/index.ts';
import type { Db } from './database.ts';

/** A tender still `created`/`pending` has no known outcome: for matching it is `unknown`. */
function reconStatus(status: string): TenderStatus {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled' ? status : 'unknown';
}

/** A payment attempt that no sale carries (migrations/0007_payments.sql), with its request time. */
export type SaleLessPayment = { readonly tender: ReconTender; readonly requestedAt: string };

/**
 * Our side of the matching. tender.id is the merchant order number sent to the channel and
 * tender.reference the channel transaction id (card: the terminal RRN); a tender belongs to its
 * sale's business day. When the payments tables exist (0007), refunds come from refund_tender (its id
 * is the out_request_no) and QR attempts no sale carries — unknown, failed, cancelled — from payment.
 * A succeeded payment no sale carries (an orphan, 支付成功但未出单) is deliberately left out, so its
 * statement row is reported as paid_without_order.
 */
export class ReconciliationTenderRepository {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  private hasTable(name: string): boolean {
    return this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
  }

  /**
   * Tenders of the channel sold on `saleDays`, plus older tenders refunded on `refundDays` (a refund
   * row of the day names a sale of any earlier day), each with its succeeded refunds.
   */
  tendersFor(channel: StatementChannel, saleDays: readonly string[], refundDays: readonly string[]): ReconTender[] {
    const select = this.db
      .prepare(
        `SELECT t.id, t.sale_id, t.amount_fen, t.status, t.reference, s.business_date
         FROM sale s JOIN tender t ON t.sale_id = s.id
         WHERE s.business_date = ? AND t.kind = ?`,
      )
      .raw(true);
    const byId = new Map<string, ReconTender & { refunds: ReconRefund[] }>();
    const add = (c: unknown[]): void => {
      const id = c[0] as string;
      if (byId.has(id)) return;
      const reference = c[4] as string | null;
      const base = { tenderId: id, channel, saleId: c[1] as string, amountFen: c[2] as number, status: reconStatus(c[3] as string), businessDate: c[5] as string };
      const refunds: ReconRefund[] = [];
      byId.set(id, reference ? { ...base, channelTxnId: reference, refunds } : { ...base, refunds });
    };
    for (const day of saleDays) for (const c of select.all(day, channel) as unknown[][]) add(c);

    if (this.hasTable('refund_tender')) {
      const refunds = this.db
        .prepare(
          `SELECT rt.id, rt.tender_id, rt.amount_fen, r.business_date, t.id, t.sale_id, t.amount_fen, t.status, t.reference, s.business_date
           FROM refund r JOIN refund_tender rt ON rt.refund_id = r.id JOIN tender t ON t.id = rt.tender_id JOIN sale s ON s.id = t.sale_id
           WHERE r.business_date = ? AND rt.kind = ? AND rt.status = 'succeeded'`,
        )
        .raw(true);
      const days = [...new Set([...saleDays, ...refundDays])];
      for (const day of days) {
        for (const c of refunds.iterate(day, channel) as Iterable<unknown[]>) {
          add(c.slice(4));
          const entry = byId.get(c[1] as string)!;
          if (!entry.refunds.some((r) => r.refundId === c[0])) entry.refunds.push({ refundId: c[0] as string, amountFen: c[2] as number, businessDate: c[3] as string });
        }
      }
    }
    return [...byId.values()];
  }

  /**
   * QR payment attempts without a sale, requested in [fromIso, toIso): the caller assigns each its
   * store-local business day. Empty when the payments tables do not exist.
   */
  saleLessPayments(channel: StatementChannel, fromIso: string, toIso: string): SaleLessPayment[] {
    if (!this.hasTable('payment')) return [];
    const rows = this.db
      .prepare(
        `SELECT id, amount_fen, status, channel_txn_id, requested_at FROM payment
         WHERE channel = ? AND sale_id IS NULL AND status <> 'succeeded' AND requested_at >= ? AND requested_at < ?`,
      )
      .raw(true)
      .all(channel, fromIso, toIso) as unknown[][];
    return rows.map((c) => {
      const txn = c[3] as string | null;
      const base = { tenderId: c[0] as string, channel, saleId: '', amountFen: c[1] as number, status: reconStatus(c[2] as string), businessDate: '', refunds: [] };
      return { tender: txn ? { ...base, channelTxnId: txn } : base, requestedAt: c[4] as string };
    });
  }

  /** The QR payment behind an order number, for resolving an orphan (undefined before 0007 or when unknown). */
  payment(id: string): { id: string; channel: string; amountFen: number; status: string; channelTxnId?: string; saleId?: string } | undefined {
    if (!this.hasTable('payment')) return undefined;
    const r = this.db.prepare('SELECT id, channel, amount_fen, status, channel_txn_id, sale_id FROM payment WHERE id = ?').get(id) as
      | { id: string; channel: string; amount_fen: number; status: string; channel_txn_id: string | null; sale_id: string | null }
      | undefined;
    if (!r) return undefined;
    return {
      id: r.id, channel: r.channel, amountFen: r.amount_fen, status: r.status,
      ...(r.channel_txn_id ? { channelTxnId: r.channel_txn_id } : {}), ...(r.sale_id ? { saleId: r.sale_id } : {}),
    };
  }

  saleExists(saleId: string): boolean {
    return this.db.prepare('SELECT 1 FROM sale WHERE id = ?').get(saleId) !== undefined;
  }
}
