import type {
  SaleRecord,
  SaleStore,
  SaleSummary,
  SaleLineRecord,
  SalesOfDay,
} from '../../app/ports/sale-store.port.ts';
import type { Db } from './database.ts';

export type {
  SaleLineRecord,
  SaleRecord,
  SalesOfDay,
  SaleSummary,
  TenderRecord,
} from '../../app/ports/sale-store.port.ts';

type SaleRow = {
  id: string;
  store_id: string;
  lane_id: string;
  lane_seq: number;
  receipt_no: string;
  cashier: string;
  member_id: string | null;
  business_date: string;
  completed_at: string;
  gross_fen: number;
  discount_fen: number;
  due_fen: number;
  tax_fen: number;
  tendered_fen: number;
  change_fen: number;
  points_earned: number;
  content_sha256: string;
  receipt: string;
};

const toSummary = (r: SaleRow): SaleSummary => ({
  id: r.id,
  storeId: r.store_id,
  laneId: r.lane_id,
  laneSeq: r.lane_seq,
  receiptNo: r.receipt_no,
  cashier: r.cashier,
  memberId: r.member_id,
  businessDate: r.business_date,
  completedAt: r.completed_at,
  grossFen: r.gross_fen,
  discountFen: r.discount_fen,
  dueFen: r.due_fen,
  taxFen: r.tax_fen,
  tenderedFen: r.tendered_fen,
  changeFen: r.change_fen,
  pointsEarned: r.points_earned,
  contentSha256: r.content_sha256,
  receipt: JSON.parse(r.receipt),
});

/** Sales with their lines, discount shares and tenders. Writes run inside the caller's transaction. */
export class SaleRepository implements SaleStore {
  private readonly db: Db;
  private readonly statements;

  constructor(db: Db) {
    this.db = db;
    this.statements = {
      nextSeq: db.prepare(
        'INSERT INTO lane_counter (lane_id, last_seq) VALUES (?, 1) ON CONFLICT(lane_id) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq',
      ),
      sale: db.prepare(`INSERT INTO sale (id, store_id, lane_id, lane_seq, receipt_no, cashier, member_id, business_date, completed_at, gross_fen, discount_fen,
        due_fen, tax_fen, tendered_fen, change_fen, points_earned, content_sha256, priced, receipt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      line: db.prepare(`INSERT INTO sale_line (sale_id, line_no, line_id, sku, name_zh, category_path, unit, quantity, unit_price_fen, gross_fen, discount_fen,
        net_fen, tax_rate_bp, tax_fen, points_multiplier_bp, price_override_fen, points_redeemed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      discount: db.prepare(
        'INSERT INTO sale_line_discount (sale_id, line_no, seq, stage, source_kind, source_id, amount_fen) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      tender: db.prepare(
        'INSERT INTO tender (id, sale_id, seq, kind, amount_fen, reference, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      byId: db.prepare('SELECT * FROM sale WHERE id = ?'),
      byReceipt: db.prepare('SELECT * FROM sale WHERE receipt_no = ?'),
    };
  }

  /** The lane's next receipt sequence; gapless because it commits or rolls back with the sale. */
  nextLaneSeq(laneId: string): number {
    return (this.statements.nextSeq.get(laneId) as { last_seq: number }).last_seq;
  }

  insert(s: SaleRecord): void {
    const st = this.statements;
    st.sale.run(
      s.id,
      s.storeId,
      s.laneId,
      s.laneSeq,
      s.receiptNo,
      s.cashier,
      s.memberId,
      s.businessDate,
      s.completedAt,
      s.grossFen,
      s.discountFen,
      s.dueFen,
      s.taxFen,
      s.tenderedFen,
      s.changeFen,
      s.pointsEarned,
      s.contentSha256,
      JSON.stringify(s.priced),
      JSON.stringify(s.receipt),
    );
    for (const l of s.lines) {
      st.line.run(
        s.id,
        l.lineNo,
        l.lineId,
        l.sku,
        l.nameZh,
        l.categoryPath,
        l.unit,
        l.quantity,
        l.unitPriceFen,
        l.grossFen,
        l.discountFen,
        l.netFen,
        l.taxRateBp,
        l.taxFen,
        l.pointsMultiplierBp,
        l.priceOverrideFen,
        l.pointsRedeemed,
      );
      l.discounts.forEach((d, i) =>
        st.discount.run(s.id, l.lineNo, i + 1, d.stage, d.sourceKind, d.sourceId, d.amountFen),
      );
    }
    for (const t of s.tenders)
      st.tender.run(t.id, s.id, t.seq, t.kind, t.amountFen, t.reference, t.status, s.completedAt);
  }

  /** The receipt once the sale's effects have run (the member block needs the points they earned). */
  setReceipt(saleId: string, receipt: unknown): void {
    this.db.prepare('UPDATE sale SET receipt = ? WHERE id = ?').run(JSON.stringify(receipt), saleId);
  }

  setPointsEarned(saleId: string, points: number): void {
    this.db.prepare('UPDATE sale SET points_earned = ? WHERE id = ?').run(points, saleId);
  }

  byId(id: string): SaleSummary | undefined {
    const row = this.statements.byId.get(id) as SaleRow | undefined;
    return row && toSummary(row);
  }

  byReceiptNo(receiptNo: string): SaleSummary | undefined {
    const row = this.statements.byReceipt.get(receiptNo) as SaleRow | undefined;
    return row && toSummary(row);
  }

  lines(saleId: string): Array<Omit<SaleLineRecord, 'discounts'>> {
    return this.db
      .prepare(
        `SELECT line_no AS lineNo, line_id AS lineId, sku, name_zh AS nameZh, category_path AS categoryPath, unit, quantity, unit_price_fen AS unitPriceFen,
        gross_fen AS grossFen, discount_fen AS discountFen, net_fen AS netFen, tax_rate_bp AS taxRateBp, tax_fen AS taxFen,
        points_multiplier_bp AS pointsMultiplierBp, price_override_fen AS priceOverrideFen, points_redeemed AS pointsRedeemed FROM sale_line WHERE sale_id = ? ORDER BY line_no`,
      )
      .all(saleId) as Array<Omit<SaleLineRecord, 'discounts'>>;
  }

  /** Aggregates over one business date in one read transaction (indexed by business_date); completed sales hold only succeeded tenders. */
  dayReport(businessDate: string, limit: number): SalesOfDay {
    const db = this.db;
    return db.transaction((): SalesOfDay => {
      const sold = db
        .prepare(
          'SELECT count(*) AS count, coalesce(sum(gross_fen), 0) AS grossFen, coalesce(sum(discount_fen), 0) AS discountFen, coalesce(sum(due_fen), 0) AS dueFen, coalesce(sum(change_fen), 0) AS changeFen FROM sale WHERE business_date = ?',
        )
        .get(businessDate) as {
        count: number;
        grossFen: number;
        discountFen: number;
        dueFen: number;
        changeFen: number;
      };
      const refunded = db
        .prepare(
          'SELECT count(*) AS refundCount, coalesce(sum(refund_fen), 0) AS refundFen FROM refund WHERE business_date = ?',
        )
        .get(businessDate) as { refundCount: number; refundFen: number };
      const laneSales = db
        .prepare(
          'SELECT lane_id AS laneId, count(*) AS count, sum(due_fen) AS dueFen FROM sale WHERE business_date = ? GROUP BY lane_id',
        )
        .all(businessDate) as Array<{ laneId: string; count: number; dueFen: number }>;
      const laneRefunds = db
        .prepare(
          "SELECT coalesce(lane_id, '') AS laneId, sum(refund_fen) AS refundFen FROM refund WHERE business_date = ? GROUP BY lane_id",
        )
        .all(businessDate) as Array<{ laneId: string; refundFen: number }>;
      const taken = db
        .prepare(
          `SELECT t.kind AS kind, count(*) AS count, sum(t.amount_fen) AS amountFen FROM tender t JOIN sale s ON s.id = t.sale_id WHERE s.business_date = ? AND t.status = 'succeeded' GROUP BY t.kind`,
        )
        .all(businessDate) as Array<{ kind: string; count: number; amountFen: number }>;
      const paidBack = db
        .prepare(
          `SELECT rt.kind AS kind, sum(rt.amount_fen) AS refundFen FROM refund_tender rt JOIN refund r ON r.id = rt.refund_id WHERE r.business_date = ? AND rt.status <> 'failed' GROUP BY rt.kind`,
        )
        .all(businessDate) as Array<{ kind: string; refundFen: number }>;
      const { changeFen, ...totals } = sold;
      return {
        businessDate,
        totals: { ...totals, ...refunded, netFen: totals.dueFen - refunded.refundFen },
        lanes: [...new Set([...laneSales.map((l) => l.laneId), ...laneRefunds.map((l) => l.laneId)])]
          .sort()
          .map((laneId) => {
            const sales = laneSales.find((l) => l.laneId === laneId);
            const refundFen = laneRefunds.find((l) => l.laneId === laneId)?.refundFen ?? 0;
            const dueFen = sales?.dueFen ?? 0;
            return { laneId, count: sales?.count ?? 0, dueFen, refundFen, netFen: dueFen - refundFen };
          }),
        tenders: [...new Set([...taken.map((t) => t.kind), ...paidBack.map((t) => t.kind)])].sort().map((kind) => {
          const t = taken.find((x) => x.kind === kind);
          // change is only ever given from cash (core/returns paidAmounts): the drawer kept tendered − change
          const amountFen = (t?.amountFen ?? 0) - (kind === 'cash' ? changeFen : 0);
          const refundFen = paidBack.find((x) => x.kind === kind)?.refundFen ?? 0;
          return { kind, count: t?.count ?? 0, amountFen, refundFen, netFen: amountFen - refundFen };
        }),
        sales: (
          db
            .prepare(
              `SELECT s.id, s.receipt_no AS receiptNo, s.lane_id AS laneId, s.cashier, s.member_id IS NOT NULL AS member, s.completed_at AS completedAt, s.due_fen AS dueFen,
                    (SELECT group_concat(kind, ',') FROM (SELECT kind FROM tender WHERE sale_id = s.id ORDER BY seq)) AS tenders
             FROM sale s WHERE s.business_date = ? ORDER BY s.completed_at DESC, s.receipt_no DESC LIMIT ?`,
            )
            .all(businessDate, limit) as Array<Omit<SalesOfDay['sales'][number], 'member'> & { member: number }>
        ).map((row) => ({ ...row, member: row.member === 1, tenders: row.tenders ?? '' })),
        refunds: db
          .prepare(
            `SELECT id, receipt_no AS receiptNo, lane_id AS laneId, cashier, supervisor, created_at AS createdAt, refund_fen AS refundFen, status
             FROM refund WHERE business_date = ? ORDER BY created_at DESC, receipt_no DESC LIMIT ?`,
          )
          .all(businessDate, limit) as SalesOfDay['refunds'],
      };
    })();
  }

  countForLane(laneId: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM sale WHERE lane_id = ?').get(laneId) as { n: number }).n;
  }
}
