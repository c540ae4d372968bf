import type { StoreSummarySource, StoreSummaryTotals } from '../../app/ports/store-summary-source.port.ts';
import type { Db } from '../sqlite/database.ts';

type Totals = StoreSummaryTotals;
type TenderRow = { kind: string; count: number; amountFen: number };

/**
 * The figures of one business date, each by one SQL aggregate, all inside one read transaction so
 * they describe one state of the database. Refund, points and stored-value figures are read only
 * when their tables exist (they arrive with later migrations).
 */
export class StoreSummaryRepository implements StoreSummarySource {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  totals(businessDate: string): Totals {
    return this.db
      .transaction(() => {
        const has = (table: string) =>
          this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
        const outboxSeq = this.db.prepare('SELECT coalesce(max(seq), 0) FROM outbox').pluck().get() as number;
        const sales = this.db
          .prepare(
            `SELECT count(*) AS count, coalesce(sum(gross_fen), 0) AS grossFen, coalesce(sum(discount_fen), 0) AS discountFen,
                  coalesce(sum(due_fen), 0) AS dueFen, coalesce(sum(tax_fen), 0) AS taxFen, coalesce(sum(change_fen), 0) AS changeFen
           FROM sale WHERE business_date = ?`,
          )
          .get(businessDate) as Totals['sales'];
        // a completed sale's tenders all succeeded (complete-sale refuses otherwise); the filter keeps it honest
        const tenders = this.db
          .prepare(
            `SELECT t.kind AS kind, count(*) AS count, sum(t.amount_fen) AS amountFen
           FROM tender t JOIN sale s ON s.id = t.sale_id
           WHERE s.business_date = ? AND t.status = 'succeeded' GROUP BY t.kind ORDER BY t.kind`,
          )
          .all(businessDate) as TenderRow[];
        const totals: Totals = { outboxSeq, sales, tenders };
        if (has('refund') && has('refund_tender')) {
          const r = this.db
            .prepare(
              `SELECT count(*) AS count, coalesce(sum(gross_fen), 0) AS grossFen, coalesce(sum(discount_fen), 0) AS discountFen,
                    coalesce(sum(refund_fen), 0) AS refundFen, coalesce(sum(tax_fen), 0) AS taxFen
             FROM refund WHERE business_date = ? AND status = 'completed'`,
            )
            .get(businessDate) as Omit<NonNullable<Totals['refunds']>, 'tenders'>;
          const refundTenders = this.db
            .prepare(
              `SELECT rt.kind AS kind, count(*) AS count, sum(rt.amount_fen) AS amountFen
             FROM refund_tender rt JOIN refund r ON r.id = rt.refund_id
             WHERE r.business_date = ? AND r.status = 'completed' AND rt.status = 'succeeded' GROUP BY rt.kind ORDER BY rt.kind`,
            )
            .all(businessDate) as TenderRow[];
          totals.refunds = { ...r, tenders: refundTenders };
        }
        if (has('points_entry')) {
          // points of that date's sales; redeem entries carry negative points
          totals.points = this.db
            .prepare(
              `SELECT coalesce(sum(CASE WHEN p.kind = 'earn' THEN p.points END), 0) AS earned,
                    coalesce(-sum(CASE WHEN p.kind = 'redeem' THEN p.points END), 0) AS redeemed
             FROM points_entry p JOIN sale s ON s.id = p.sale_id WHERE s.business_date = ?`,
            )
            .get(businessDate) as NonNullable<Totals['points']>;
        }
        if (has('stored_value_entry')) {
          // pay entries are negative (migration 0005 CHECK); reported as positive amounts
          totals.storedValue = this.db
            .prepare(
              `SELECT coalesce(sum(CASE WHEN kind = 'topup' THEN principal_fen END), 0) AS topupFen,
                    coalesce(sum(CASE WHEN kind = 'topup' THEN bonus_fen END), 0) AS bonusFen,
                    coalesce(-sum(CASE WHEN kind = 'pay' THEN principal_fen + bonus_fen END), 0) AS payFen,
                    coalesce(sum(CASE WHEN kind = 'refund' THEN principal_fen + bonus_fen END), 0) AS refundFen
             FROM stored_value_entry WHERE business_date = ?`,
            )
            .get(businessDate) as NonNullable<Totals['storedValue']>;
        }
        return totals;
      })
      .deferred();
  }
}
