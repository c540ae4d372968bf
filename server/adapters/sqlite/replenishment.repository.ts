import type {
  DailySale,
  LineFilter,
  ReplenishmentDailySales,
  ReplenishmentLine,
  ReplenishmentProduct,
  ReplenishmentRun,
  ReplenishmentSource,
  ReplenishmentStore,
  SupplyTermsRow,
} from '../../app/ports/replenishment-store.port.ts';
import type { Db } from './database.ts';

/** rows of the daily roll-up read at a time */
const DAILY_PAGE = 50_000;

type LineRow = {
  sku: string;
  name_zh: string;
  category_path: string;
  unit: 'each' | 'kg';
  supplier_id: string | null;
  supplier_name: string | null;
  quantity: number;
  cost_fen: number | null;
  flags: string;
  explanation: string;
};
type RunRow = {
  id: string;
  as_of: string;
  started_at: string;
  finished_at: string;
  actor: string;
  policy: string;
  products: number;
  suggested: number;
};

const toLine = (r: LineRow): ReplenishmentLine => ({
  sku: r.sku,
  nameZh: r.name_zh,
  categoryPath: r.category_path,
  unit: r.unit,
  supplierId: r.supplier_id,
  supplierName: r.supplier_name,
  quantity: r.quantity,
  costFen: r.cost_fen,
  flags: r.flags === '' ? [] : r.flags.split(' '),
  explanation: JSON.parse(r.explanation),
});

/**
 * Replenishment's tables (migration 0021), among them the sales history it forecasts from: units sold per
 * product and business date, a day counted as a promotion day when a line promotion priced one of its lines.
 */
export class ReplenishmentRepository implements ReplenishmentSource, ReplenishmentStore, ReplenishmentDailySales {
  private readonly db: Db;
  private readonly addDaily;
  constructor(db: Db) {
    this.db = db;
    this.addDaily = db.prepare(
      `INSERT INTO replenishment_daily_sales (sku, day, quantity, promotion) VALUES (?, ?, ?, ?)
       ON CONFLICT (sku, day) DO UPDATE SET quantity = quantity + excluded.quantity,
         promotion = max(promotion, excluded.promotion)`,
    );
  }

  activeProducts(): ReplenishmentProduct[] {
    return this.db
      .prepare(
        `SELECT sku, name_zh AS nameZh, category_path AS categoryPath, unit FROM product WHERE status = 'active' ORDER BY sku`,
      )
      .all() as ReplenishmentProduct[];
  }

  *dailySales(from: number, through: number): Iterable<DailySale> {
    // pages of rows in key order (keyset on (sku, day)): all() per page costs far less per row than iterate()
    const page = this.db
      .prepare(
        `SELECT sku, day, quantity, promotion FROM replenishment_daily_sales
         WHERE (sku, day) > (?, ?) AND day BETWEEN ? AND ? ORDER BY sku, day LIMIT ${DAILY_PAGE}`,
      )
      .raw();
    let after: [string, number] = ['', Number.MIN_SAFE_INTEGER];
    for (;;) {
      const rows = page.all(after[0], after[1], from, through) as [string, number, number, number][];
      for (const [sku, day, quantity, promotion] of rows) yield { sku, day, quantity, promotion: promotion === 1 };
      if (rows.length < DAILY_PAGE) return;
      const last = rows[rows.length - 1]!;
      after = [last[0], last[1]];
    }
  }

  addDailySale(sku: string, day: number, quantity: number, promotion: boolean): void {
    this.addDaily.run(sku, day, quantity, promotion ? 1 : 0);
  }

  onHand(): Map<string, number> {
    // the inventory feature's cached on hand (stock_level, kept in each movement's transaction)
    const rows = this.db.prepare('SELECT sku, on_hand AS q FROM stock_level').all() as {
      sku: string;
      q: number;
    }[];
    return new Map(rows.map((r) => [r.sku, r.q]));
  }

  /** ordered and not yet received on purchase orders that are sent or partly received (docs/inventory.md) */
  onOrder(): Map<string, number> {
    const rows = this.db
      .prepare(
        `SELECT l.sku, SUM(max(l.ordered - l.received, 0)) AS q FROM purchase_order_line l
           JOIN purchase_order o ON o.id = l.po_id
          WHERE o.status IN ('sent', 'partly_received') GROUP BY l.sku`,
      )
      .all() as { sku: string; q: number }[];
    return new Map(rows.map((r) => [r.sku, r.q]));
  }

  supplyTerms(): Map<string, SupplyTermsRow> {
    const rows = this.db
      .prepare(
        `SELECT sku, supplier_id AS supplierId, supplier_name AS supplierName, lead_time_days AS leadTimeDays,
                pack_size AS packSize, min_order AS minOrder, cost_fen AS costFen FROM replenishment_supply`,
      )
      .all() as SupplyTermsRow[];
    return new Map(rows.map((r) => [r.sku, r]));
  }

  saveRun(run: ReplenishmentRun, lines: readonly ReplenishmentLine[]): void {
    const insertRun = this.db.prepare(
      `INSERT INTO replenishment_run (id, as_of, started_at, finished_at, actor, policy, products, suggested)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertLine = this.db.prepare(
      `INSERT INTO replenishment_line (run_id, sku, name_zh, category_path, unit, supplier_id, supplier_name, quantity,
         cost_fen, flags, explanation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    insertRun.run(
      run.id,
      run.asOf,
      run.startedAt,
      run.finishedAt,
      run.actor,
      JSON.stringify(run.policy),
      run.products,
      run.suggested,
    );
    for (const l of lines)
      insertLine.run(
        run.id,
        l.sku,
        l.nameZh,
        l.categoryPath,
        l.unit,
        l.supplierId,
        l.supplierName,
        l.quantity,
        l.costFen,
        l.flags.join(' '),
        JSON.stringify(l.explanation),
      );
    // only the latest run is read: older runs' lines would only grow the file
    this.db.prepare('DELETE FROM replenishment_line WHERE run_id <> ?').run(run.id);
  }

  latestRun(): ReplenishmentRun | undefined {
    const r = this.db.prepare('SELECT * FROM replenishment_run ORDER BY finished_at DESC, rowid DESC LIMIT 1').get() as
      RunRow | undefined;
    if (!r) return undefined;
    return {
      id: r.id,
      asOf: r.as_of,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      actor: r.actor,
      policy: JSON.parse(r.policy),
      products: r.products,
      suggested: r.suggested,
    };
  }

  lines(runId: string, filter: LineFilter): ReplenishmentLine[] {
    const where = ['run_id = ?'];
    const args: (string | number)[] = [runId];
    if (filter.suggestedOnly) where.push('quantity > 0');
    if (filter.flag) {
      where.push(`(' ' || flags || ' ') LIKE ?`);
      args.push(`% ${filter.flag} %`);
    }
    args.push(filter.limit);
    return (
      this.db
        .prepare(
          `SELECT * FROM replenishment_line WHERE ${where.join(' AND ')}
           ORDER BY supplier_name IS NULL, supplier_name, supplier_id, sku LIMIT ?`,
        )
        .all(...args) as LineRow[]
    ).map(toLine);
  }

  upsertSupply(t: SupplyTermsRow, at: string): void {
    this.db
      .prepare(
        `INSERT INTO replenishment_supply (sku, supplier_id, supplier_name, lead_time_days, pack_size, min_order, cost_fen, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (sku) DO UPDATE SET supplier_id = excluded.supplier_id, supplier_name = excluded.supplier_name,
           lead_time_days = excluded.lead_time_days, pack_size = excluded.pack_size, min_order = excluded.min_order,
           cost_fen = excluded.cost_fen, updated_at = excluded.updated_at`,
      )
      .run(t.sku, t.supplierId, t.supplierName, t.leadTimeDays, t.packSize, t.minOrder, t.costFen, at);
  }

  productExists(sku: string): boolean {
    return this.db.prepare('SELECT 1 FROM product WHERE sku = ?').get(sku) !== undefined;
  }
}
