import type {
  RefundLineRecord,
  RefundRecord,
  RefundStore,
  RefundTenderRecord,
  RefundTenderStatus,
  SaleLineDiscountRow,
  SaleTenderRow,
} from '../../app/ports/refund-store.port.ts';
import type { Db } from './database.ts';

export type {
  RefundLineRecord,
  RefundRecord,
  RefundTenderRecord,
  RefundTenderStatus,
  SaleLineDiscountRow,
  SaleTenderRow,
};

const REFUND_COLUMNS = `id, sale_id AS saleId, receipt_no AS receiptNo, lane_id AS laneId, cashier, supervisor, kind, exchange_sale_id AS exchangeSaleId,
  refund_to AS refundTo, gross_fen AS grossFen, discount_fen AS discountFen, refund_fen AS refundFen, tax_fen AS taxFen, status, reason,
  business_date AS businessDate, created_at AS createdAt, completed_at AS completedAt, content_sha256 AS contentSha256, receipt`;
const TENDER_COLUMNS = `id, refund_id AS refundId, tender_id AS tenderId, kind, amount_fen AS amountFen, status, requested_at AS requestedAt,
  channel_refund_id AS channelRefundId, error_code AS errorCode, detail`;

/**
 * Refunds with their lines, discount shares given back and refund tenders; also what a refund
 * reads of the sale (tenders, discount shares, what was already returned). Writes run inside the
 * caller's transaction.
 */
export class RefundRepository implements RefundStore {
  private readonly db: Db;
  private readonly st;

  constructor(db: Db) {
    this.db = db;
    this.st = {
      completedAt: db.prepare('UPDATE refund SET completed_at = ? WHERE id = ?'),
      saleTenders: db.prepare(
        'SELECT id, seq, kind, amount_fen AS amountFen, reference, auth_code AS authCode, status FROM tender WHERE sale_id = ? ORDER BY seq',
      ),
      saleDiscounts: db.prepare(
        'SELECT line_no AS lineNo, seq, stage, source_kind AS sourceKind, source_id AS sourceId, amount_fen AS amountFen FROM sale_line_discount WHERE sale_id = ? ORDER BY line_no, seq',
      ),
      returned: db.prepare(
        'SELECT line_no AS lineNo, sum(quantity) AS quantity FROM refund_line WHERE sale_id = ? GROUP BY line_no',
      ),
      // a refund tender that has not failed holds its amount: a second refund cannot take it again
      refundedByTender: db.prepare(
        "SELECT rt.tender_id AS tenderId, sum(rt.amount_fen) AS fen FROM refund_tender rt JOIN refund r ON r.id = rt.refund_id WHERE r.sale_id = ? AND rt.tender_id IS NOT NULL AND rt.status <> 'failed' GROUP BY rt.tender_id",
      ),
      countForSale: db.prepare('SELECT count(*) AS n FROM refund WHERE sale_id = ?'),
      insert:
        db.prepare(`INSERT INTO refund (id, sale_id, receipt_no, lane_id, cashier, supervisor, kind, exchange_sale_id, refund_to, gross_fen, discount_fen, refund_fen, tax_fen,
        status, reason, business_date, created_at, content_sha256, receipt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      line: db.prepare(
        'INSERT INTO refund_line (refund_id, sale_id, line_no, quantity, gross_fen, discount_fen, net_fen, tax_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      discount: db.prepare(
        'INSERT INTO refund_line_discount (refund_id, line_no, seq, amount_fen) VALUES (?, ?, ?, ?)',
      ),
      tender: db.prepare(
        'INSERT INTO refund_tender (id, refund_id, tender_id, kind, amount_fen, status, requested_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      byId: db.prepare(`SELECT ${REFUND_COLUMNS} FROM refund WHERE id = ?`),
      bySale: db.prepare(`SELECT ${REFUND_COLUMNS} FROM refund WHERE sale_id = ? ORDER BY created_at`),
      lines: db.prepare(
        'SELECT line_no AS lineNo, quantity, gross_fen AS grossFen, discount_fen AS discountFen, net_fen AS netFen, tax_fen AS taxFen FROM refund_line WHERE refund_id = ? ORDER BY line_no',
      ),
      lineDiscounts: db.prepare(
        'SELECT line_no AS lineNo, seq, amount_fen AS amountFen FROM refund_line_discount WHERE refund_id = ? ORDER BY line_no, seq',
      ),
      tenders: db.prepare(`SELECT ${TENDER_COLUMNS} FROM refund_tender WHERE refund_id = ? ORDER BY rowid`),
      openTenders: db.prepare(
        `SELECT ${TENDER_COLUMNS} FROM refund_tender WHERE status IN ('pending', 'unknown') ORDER BY requested_at`,
      ),
      setTender: db.prepare(
        'UPDATE refund_tender SET status = ?, channel_refund_id = coalesce(?, channel_refund_id), error_code = ?, detail = ?, updated_at = ? WHERE id = ?',
      ),
      complete: db.prepare(
        "UPDATE refund SET status = 'completed', completed_at = ? WHERE id = ? AND status = 'pending'",
      ),
    };
  }

  saleTenders(saleId: string): SaleTenderRow[] {
    return this.st.saleTenders.all(saleId) as SaleTenderRow[];
  }

  saleDiscounts(saleId: string): SaleLineDiscountRow[] {
    return this.st.saleDiscounts.all(saleId) as SaleLineDiscountRow[];
  }

  /** Quantity of each line already returned. */
  returnedQuantities(saleId: string): Map<number, number> {
    return new Map(
      (this.st.returned.all(saleId) as Array<{ lineNo: number; quantity: number }>).map((r) => [r.lineNo, r.quantity]),
    );
  }

  refundedByTender(saleId: string): Map<string, number> {
    return new Map(
      (this.st.refundedByTender.all(saleId) as Array<{ tenderId: string; fen: number }>).map((r) => [
        r.tenderId,
        r.fen,
      ]),
    );
  }

  countForSale(saleId: string): number {
    return (this.st.countForSale.get(saleId) as { n: number }).n;
  }

  insert(
    r: RefundRecord,
    lines: ReadonlyArray<RefundLineRecord & { sku: string }>,
    tenders: readonly RefundTenderRecord[],
  ): void {
    const st = this.st;
    st.insert.run(
      r.id,
      r.saleId,
      r.receiptNo,
      r.laneId,
      r.cashier,
      r.supervisor,
      r.kind,
      r.exchangeSaleId,
      r.refundTo,
      r.grossFen,
      r.discountFen,
      r.refundFen,
      r.taxFen,
      r.status,
      r.reason,
      r.businessDate,
      r.createdAt,
      r.contentSha256,
      JSON.stringify(r.receipt),
    );
    for (const l of lines) {
      st.line.run(r.id, r.saleId, l.lineNo, l.quantity, l.grossFen, l.discountFen, l.netFen, l.taxFen);
      for (const d of l.discounts) st.discount.run(r.id, l.lineNo, d.seq, d.amountFen);
    }
    for (const t of tenders)
      st.tender.run(t.id, r.id, t.tenderId, t.kind, t.amountFen, t.status, t.requestedAt, r.createdAt);
    if (r.completedAt) st.completedAt.run(r.completedAt, r.id);
  }

  byId(id: string): RefundRecord | undefined {
    const row = this.st.byId.get(id) as (Omit<RefundRecord, 'receipt'> & { receipt: string }) | undefined;
    return row && { ...row, receipt: JSON.parse(row.receipt) };
  }

  bySale(saleId: string): RefundRecord[] {
    return (this.st.bySale.all(saleId) as Array<Omit<RefundRecord, 'receipt'> & { receipt: string }>).map((row) => ({
      ...row,
      receipt: JSON.parse(row.receipt),
    }));
  }

  lines(refundId: string): RefundLineRecord[] {
    const discounts = this.st.lineDiscounts.all(refundId) as Array<{ lineNo: number; seq: number; amountFen: number }>;
    return (this.st.lines.all(refundId) as Array<Omit<RefundLineRecord, 'discounts'>>).map((l) => ({
      ...l,
      discounts: discounts.filter((d) => d.lineNo === l.lineNo).map(({ seq, amountFen }) => ({ seq, amountFen })),
    }));
  }

  tenders(refundId: string): RefundTenderRecord[] {
    return this.st.tenders.all(refundId) as RefundTenderRecord[];
  }

  /** Channel refunds not yet confirmed: retried with the same id (out_request_no) until they are. */
  openTenders(): RefundTenderRecord[] {
    return this.st.openTenders.all() as RefundTenderRecord[];
  }

  setTenderStatus(
    id: string,
    status: RefundTenderStatus,
    at: string,
    outcome: { channelRefundId?: string; errorCode?: string; detail?: string } = {},
  ): void {
    this.st.setTender.run(
      status,
      outcome.channelRefundId ?? null,
      outcome.errorCode ?? null,
      outcome.detail ?? null,
      at,
      id,
    );
  }

  writable(): boolean {
    return this.db.open;
  }

  /** True when this call completed it (all its refund tenders succeeded). */
  complete(refundId: string, at: string): boolean {
    return this.st.complete.run(at, refundId).changes === 1;
  }
}
