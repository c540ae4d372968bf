import type { RangeSums, ReportRange, ReportSource, SaleRollup } from '../../app/ports/report-source.port.ts';
import type { BreakdownRow, ReportBreakdown } from '../../contracts/reports/reports.schema.ts';
import type { Db } from './database.ts';

/** strftime modifier that turns a stored UTC instant into store local time */
const local = (r: ReportRange) => `${r.utcOffsetMinutes >= 0 ? '+' : ''}${r.utcOffsetMinutes} minutes`;

/**
 * Sales, refunds and voids summed for the console's dashboard and reports. Every aggregate reads a covering
 * index (migrations/0017_report_indexes.sql), never the sale rows with their JSON, so a year stays fast.
 */
export class ReportRepository implements ReportSource, SaleRollup {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  sums(r: ReportRange): RangeSums {
    const sold = this.db
      .prepare(
        `SELECT count(*) AS sales, coalesce(sum(due_fen), 0) AS dueFen, coalesce(sum(discount_fen), 0) AS discountFen,
                count(member_id) AS memberSales
         FROM sale INDEXED BY sale_report WHERE business_date BETWEEN ? AND ?`,
      )
      .get(r.from, r.to) as Omit<RangeSums, 'refunds' | 'refundFen'>;
    const refunded = this.db
      .prepare(
        'SELECT count(*) AS refunds, coalesce(sum(refund_fen), 0) AS refundFen FROM refund WHERE business_date BETWEEN ? AND ?',
      )
      .get(r.from, r.to) as { refunds: number; refundFen: number };
    return { ...sold, ...refunded };
  }

  hourly(r: ReportRange): Array<{ hour: number; sales: number; dueFen: number }> {
    return this.db
      .prepare(
        `SELECT CAST(strftime('%H', completed_at, ?) AS INTEGER) AS hour, count(*) AS sales, sum(due_fen) AS dueFen
         FROM sale INDEXED BY sale_report WHERE business_date BETWEEN ? AND ? GROUP BY hour ORDER BY hour`,
      )
      .all(local(r), r.from, r.to) as Array<{ hour: number; sales: number; dueFen: number }>;
  }

  breakdown(kind: ReportBreakdown, r: ReportRange, limit: number): BreakdownRow[] {
    const params: Record<string, string | number> = { from: r.from, to: r.to, limit };
    if (kind === 'hour') params.local = local(r);
    const rows = this.db.prepare(BREAKDOWN_SQL[kind]).all(params);
    return (rows as Array<BreakdownRow & { name: string | null; quantity: number | null }>).map((row) => {
      const out: BreakdownRow = { key: String(row.key), sales: row.sales, amountFen: row.amountFen };
      if (row.name !== undefined && row.name !== null) out.name = row.name;
      if (row.quantity !== undefined && row.quantity !== null) out.quantity = row.quantity;
      return out;
    });
  }

  refundsBy(kind: 'reason' | 'lane', r: ReportRange): BreakdownRow[] {
    const column = kind === 'reason' ? "coalesce(reason, '')" : "coalesce(lane_id, '')";
    return this.db
      .prepare(
        `SELECT ${column} AS key, count(*) AS sales, sum(refund_fen) AS amountFen FROM refund
         WHERE business_date BETWEEN ? AND ? GROUP BY key ORDER BY amountFen DESC, key`,
      )
      .all(r.from, r.to) as BreakdownRow[];
  }

  voids(fromIso: string, toIso: string): { carts: number; lines: number; byCashier: BreakdownRow[] } {
    const counts = this.db
      .prepare(
        `SELECT action, count(*) AS n FROM audit_log WHERE action IN ('cart.voided', 'cart.line_voided') AND at >= ? AND at < ? GROUP BY action`,
      )
      .all(fromIso, toIso) as Array<{ action: string; n: number }>;
    const byCashier = this.db
      .prepare(
        `SELECT coalesce(json_extract(detail, '$.cashier'), '') AS key, count(*) AS sales, 0 AS amountFen FROM audit_log
         WHERE action IN ('cart.voided', 'cart.line_voided') AND at >= ? AND at < ? GROUP BY key ORDER BY sales DESC, key`,
      )
      .all(fromIso, toIso) as BreakdownRow[];
    const n = (action: string) => counts.find((c) => c.action === action)?.n ?? 0;
    return { carts: n('cart.voided'), lines: n('cart.line_voided'), byCashier };
  }

  openShifts(): Array<{ laneId: string; cashier: string }> {
    return this.db.prepare("SELECT lane_id AS laneId, cashier FROM shift WHERE status = 'open'").all() as Array<{
      laneId: string;
      cashier: string;
    }>;
  }

  addSale(saleId: string): void {
    // WHERE true: SQLite's upsert after INSERT … SELECT needs it to parse ON CONFLICT
    this.db
      .prepare(
        `INSERT INTO sale_day_item (business_date, sku, name_zh, category_path, lines, quantity, net_fen)
         SELECT s.business_date, l.sku, max(l.name_zh), max(l.category_path), count(*), sum(l.quantity), sum(l.net_fen)
         FROM sale s JOIN sale_line l ON l.sale_id = s.id WHERE s.id = ? GROUP BY l.sku
         ON CONFLICT (business_date, sku) DO UPDATE SET lines = lines + excluded.lines, quantity = quantity + excluded.quantity,
           net_fen = net_fen + excluded.net_fen, name_zh = excluded.name_zh, category_path = excluded.category_path`,
      )
      .run(saleId);
    this.db
      .prepare(
        `INSERT INTO sale_day_tender (business_date, kind, sales, amount_fen)
         SELECT s.business_date, t.kind, 1, sum(t.amount_fen) - CASE t.kind WHEN 'cash' THEN s.change_fen ELSE 0 END
         FROM sale s JOIN tender t ON t.sale_id = s.id WHERE s.id = ? AND t.status = 'succeeded' GROUP BY t.kind
         ON CONFLICT (business_date, kind) DO UPDATE SET sales = sales + 1, amount_fen = amount_fen + excluded.amount_fen`,
      )
      .run(saleId);
    this.db
      .prepare(
        `INSERT INTO sale_day_discount (business_date, source, sales, amount_fen)
         SELECT s.business_date, d.source_kind || ':' || d.source_id AS src, 1, sum(d.amount_fen)
         FROM sale s JOIN sale_line_discount d ON d.sale_id = s.id WHERE s.id = ? GROUP BY src
         ON CONFLICT (business_date, source) DO UPDATE SET sales = sales + 1, amount_fen = amount_fen + excluded.amount_fen`,
      )
      .run(saleId);
  }

  openAnomalies(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM anomaly WHERE status = 'open'").get() as { n: number }).n;
  }
}

const SALES_IN_RANGE = 'FROM sale s INDEXED BY sale_report WHERE s.business_date BETWEEN @from AND @to';

/** One aggregate per breakdown; named parameters @from, @to, @limit (and @local for the hour). */
const BREAKDOWN_SQL: Record<ReportBreakdown, string> = {
  day: `SELECT s.business_date AS key, count(*) AS sales, sum(s.due_fen) AS amountFen ${SALES_IN_RANGE} GROUP BY key ORDER BY key LIMIT @limit`,
  hour: `SELECT CAST(strftime('%H', s.completed_at, @local) AS INTEGER) AS key, count(*) AS sales, sum(s.due_fen) AS amountFen ${SALES_IN_RANGE} GROUP BY key ORDER BY key LIMIT @limit`,
  lane: `SELECT s.lane_id AS key, (SELECT name FROM lane WHERE id = s.lane_id) AS name, count(*) AS sales, sum(s.due_fen) AS amountFen ${SALES_IN_RANGE} GROUP BY key ORDER BY amountFen DESC, key LIMIT @limit`,
  cashier: `SELECT s.cashier AS key, count(*) AS sales, sum(s.due_fen) AS amountFen ${SALES_IN_RANGE} GROUP BY key ORDER BY amountFen DESC, key LIMIT @limit`,
  // what the drawer and the channels kept: cash net of the change given back (sale_day_tender)
  channel: `SELECT kind AS key, sum(sales) AS sales, sum(amount_fen) AS amountFen FROM sale_day_tender
            WHERE business_date BETWEEN @from AND @to GROUP BY key ORDER BY amountFen DESC, key LIMIT @limit`,
  // from the per-day item totals (sale_day_item); `sales` counts the lines that sold the item or category
  category: `SELECT category_path AS key, sum(lines) AS sales, sum(quantity) AS quantity, sum(net_fen) AS amountFen
             FROM sale_day_item WHERE business_date BETWEEN @from AND @to GROUP BY key ORDER BY amountFen DESC, key LIMIT @limit`,
  product: `SELECT sku AS key, max(name_zh) AS name, sum(lines) AS sales, sum(quantity) AS quantity, sum(net_fen) AS amountFen
            FROM sale_day_item WHERE business_date BETWEEN @from AND @to GROUP BY key ORDER BY amountFen DESC, key LIMIT @limit`,
  // the discount each promotion (or coupon, points, 抹零) took, from the shares stored with every line (sale_day_discount)
  promotion: `SELECT g.key, (SELECT json_extract(p.definition, '$.name.zh') FROM promotion p
                WHERE 'promotion:' || p.id = g.key) AS name, g.sales, g.amountFen
              FROM (SELECT source AS key, sum(sales) AS sales, sum(amount_fen) AS amountFen FROM sale_day_discount
                    WHERE business_date BETWEEN @from AND @to GROUP BY key) g ORDER BY g.amountFen DESC, g.key LIMIT @limit`,
};
