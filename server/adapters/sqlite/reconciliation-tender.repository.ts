import type { ReconRefund, ReconTender, StatementChannel, TenderStatus } from '../../core/reconciliation/index.ts';
import type { Db } from './database.ts';
import type { ReconciliationTenderStore, SaleLessPayment } from '../../app/ports/reconciliation-tender-store.port.ts';

export type { SaleLessPayment };

/** A tender still `created`/`pending` has no known outcome: for matching it is `unknown`. */
function reconStatus(status: string): TenderStatus {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled' ? status : 'unknown';
}

/** The same mapping in SQL, as an index into RECON_STATUSES: a million tenders need no million status strings. */
const RECON_STATUS_SQL =
  "CASE t.status WHEN 'succeeded' THEN 0 WHEN 'failed' THEN 1 WHEN 'cancelled' THEN 2 ELSE 3 END";
const RECON_STATUSES: readonly TenderStatus[] = ['succeeded', 'failed', 'cancelled', 'unknown'];

/** Sales read per batch of tendersFor. */
const SALE_BATCH = 50_000;
/** Most tenders have no refund: they share this list until one is attached. */
const NO_REFUNDS: readonly ReconRefund[] = Object.freeze([]);
type LoadedTender = Omit<ReconTender, 'refunds'> & { refunds: readonly ReconRefund[] };

/**
 * Our side of the matching. tender.id is the merchant order number sent to the channel and
 * tender.reference the channel transaction id (card: the terminal RRN); a tender belongs to its
 * sale's business day. When the payments tables exist (0007), refunds come from refund_tender (its id
 * is the out_request_no) and QR attempts no sale carries — unknown, failed, cancelled — from payment.
 * A succeeded payment no sale carries (an orphan, 支付成功但未出单) is deliberately left out, so its
 * statement row is reported as paid_without_order.
 */
export class ReconciliationTenderRepository implements ReconciliationTenderStore {
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
   * A busy day is a million tenders, read through covering indexes only (migrations/0011) in batches of
   * sales, so each batch's row arrays die young instead of a million of them being copied by the GC; the
   * day, status and empty refund list are shared, and tenders are indexed by id only when refunds need it.
   */
  tendersFor(channel: StatementChannel, saleDays: readonly string[], refundDays: readonly string[]): ReconTender[] {
    const lastSaleOfBatch = this.db
      .prepare('SELECT id FROM sale WHERE business_date = ? AND id > ? ORDER BY id LIMIT 1 OFFSET ?')
      .pluck();
    const columns = `SELECT t.id, t.sale_id, t.amount_fen, ${RECON_STATUS_SQL}, t.reference FROM sale s JOIN tender t ON t.sale_id = s.id`;
    // two statements, so each batch is an index range with both ends (an OR would scan on to the day's end)
    const batch = this.db
      .prepare(`${columns} WHERE s.business_date = ? AND s.id > ? AND s.id <= ? AND t.kind = ?`)
      .raw(true);
    const rest = this.db.prepare(`${columns} WHERE s.business_date = ? AND s.id > ? AND t.kind = ?`).raw(true);
    const tenders: LoadedTender[] = [];
    const make = (c: unknown[], businessDate: string): LoadedTender => {
      const reference = c[4] as string | null;
      const status = RECON_STATUSES[c[3] as number];
      return reference
        ? {
            tenderId: c[0] as string,
            channel,
            saleId: c[1] as string,
            amountFen: c[2] as number,
            status,
            businessDate,
            channelTxnId: reference,
            refunds: NO_REFUNDS,
          }
        : {
            tenderId: c[0] as string,
            channel,
            saleId: c[1] as string,
            amountFen: c[2] as number,
            status,
            businessDate,
            refunds: NO_REFUNDS,
          };
    };
    for (const day of new Set(saleDays)) {
      for (let after = ''; ;) {
        // sales (after, last], then the rest of the day
        const last = lastSaleOfBatch.get(day, after, SALE_BATCH - 1) as string | undefined;
        const rows = (
          last === undefined ? rest.all(day, after, channel) : batch.all(day, after, last, channel)
        ) as unknown[][];
        for (const c of rows) tenders.push(make(c, day));
        if (last === undefined) break;
        after = last;
      }
    }
    if (!this.hasTable('refund_tender')) return tenders;

    const refunds = this.db
      .prepare(
        `SELECT rt.id, rt.tender_id, rt.amount_fen, r.business_date, t.id, t.sale_id, t.amount_fen, ${RECON_STATUS_SQL}, t.reference, s.business_date
         FROM refund r JOIN refund_tender rt ON rt.refund_id = r.id JOIN tender t ON t.id = rt.tender_id JOIN sale s ON s.id = t.sale_id
         WHERE r.business_date = ? AND rt.kind = ? AND rt.status = 'succeeded'`,
      )
      .raw(true);
    let byId: Map<string, LoadedTender> | undefined;
    for (const day of new Set([...saleDays, ...refundDays])) {
      for (const c of refunds.iterate(day, channel) as Iterable<unknown[]>) {
        byId ??= new Map(tenders.map((t) => [t.tenderId, t]));
        let entry = byId.get(c[1] as string);
        if (!entry) {
          entry = make(c.slice(4), c[9] as string);
          byId.set(entry.tenderId, entry);
          tenders.push(entry);
        }
        if (!entry.refunds.some((r) => r.refundId === c[0]))
          entry.refunds = [
            ...entry.refunds,
            { refundId: c[0] as string, amountFen: c[2] as number, businessDate: c[3] as string },
          ];
      }
    }
    return tenders;
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
      const base = {
        tenderId: c[0] as string,
        channel,
        saleId: '',
        amountFen: c[1] as number,
        status: reconStatus(c[2] as string),
        businessDate: '',
        refunds: [],
      };
      return { tender: txn ? { ...base, channelTxnId: txn } : base, requestedAt: c[4] as string };
    });
  }

  /** The QR payment behind an order number, for resolving an orphan (undefined before 0007 or when unknown). */
  payment(
    id: string,
  ):
    | { id: string; channel: string; amountFen: number; status: string; channelTxnId?: string; saleId?: string }
    | undefined {
    if (!this.hasTable('payment')) return undefined;
    const r = this.db
      .prepare('SELECT id, channel, amount_fen, status, channel_txn_id, sale_id FROM payment WHERE id = ?')
      .get(id) as
      | {
          id: string;
          channel: string;
          amount_fen: number;
          status: string;
          channel_txn_id: string | null;
          sale_id: string | null;
        }
      | undefined;
    if (!r) return undefined;
    return {
      id: r.id,
      channel: r.channel,
      amountFen: r.amount_fen,
      status: r.status,
      ...(r.channel_txn_id ? { channelTxnId: r.channel_txn_id } : {}),
      ...(r.sale_id ? { saleId: r.sale_id } : {}),
    };
  }

  saleExists(saleId: string): boolean {
    return this.db.prepare('SELECT 1 FROM sale WHERE id = ?').get(saleId) !== undefined;
  }
}
