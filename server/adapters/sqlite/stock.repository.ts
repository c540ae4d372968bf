import type {
  StockLevelRecord,
  StockMismatch,
  StockMovementInput,
  StockMovementRecord,
  StockStore,
} from '../../app/ports/stock-store.port.ts';
import type { Db } from './database.ts';

const LEVEL_COLUMNS = `l.sku, l.on_hand AS onHand, l.last_movement_id AS lastMovementId, l.last_sale_at AS lastSaleAt,
  l.updated_at AS updatedAt, m.min_on_hand AS minOnHand`;
const MOVEMENT_COLUMNS = `id, sku, kind, delta, ref, unit_cost_fen AS unitCostFen, actor, reason, at`;

/**
 * The stock ledger (append-only: triggers refuse UPDATE and DELETE) and the cached on hand per product.
 * Writes run inside the caller's transaction.
 */
export class StockRepository implements StockStore {
  private readonly db: Db;
  private readonly st;

  constructor(db: Db) {
    this.db = db;
    this.st = {
      insert: db.prepare(
        'INSERT INTO stock_ledger (sku, kind, delta, ref, unit_cost_fen, actor, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      level:
        db.prepare(`INSERT INTO stock_level (sku, on_hand, last_movement_id, last_sale_at, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT(sku) DO UPDATE SET on_hand = on_hand + excluded.on_hand, last_movement_id = excluded.last_movement_id,
        last_sale_at = coalesce(excluded.last_sale_at, last_sale_at), updated_at = excluded.updated_at`),
      onHand: db.prepare('SELECT on_hand FROM stock_level WHERE sku = ?').pluck(),
      one: db.prepare(
        `SELECT ${LEVEL_COLUMNS} FROM stock_level l LEFT JOIN stock_minimum m ON m.sku = l.sku WHERE l.sku = ?`,
      ),
      setMin: db.prepare(
        'INSERT INTO stock_minimum (sku, min_on_hand) VALUES (?, ?) ON CONFLICT(sku) DO UPDATE SET min_on_hand = excluded.min_on_hand',
      ),
      clearMin: db.prepare('DELETE FROM stock_minimum WHERE sku = ?'),
      zeroLevel: db.prepare(
        'INSERT INTO stock_level (sku, on_hand, last_movement_id, updated_at) VALUES (?, 0, 0, ?) ON CONFLICT(sku) DO NOTHING',
      ),
      slow: db.prepare(`SELECT ${LEVEL_COLUMNS} FROM stock_level l LEFT JOIN stock_minimum m ON m.sku = l.sku
        WHERE l.on_hand > 0 AND (l.last_sale_at IS NULL OR l.last_sale_at < ?) ORDER BY l.last_sale_at, l.sku LIMIT ?`),
      verify: db.prepare(`SELECT s.sku, l.on_hand AS cached, s.ledger FROM
          (SELECT sku, sum(delta) AS ledger FROM stock_ledger GROUP BY sku) s
          LEFT JOIN stock_level l ON l.sku = s.sku WHERE l.on_hand IS NOT s.ledger
        UNION ALL
        SELECT l.sku, l.on_hand, 0 FROM stock_level l
          WHERE NOT EXISTS (SELECT 1 FROM stock_ledger g WHERE g.sku = l.sku) AND l.on_hand <> 0`),
    };
  }

  append(m: StockMovementInput): number {
    const id = Number(
      this.st.insert.run(m.sku, m.kind, m.delta, m.ref, m.unitCostFen ?? null, m.actor ?? null, m.reason ?? null, m.at)
        .lastInsertRowid,
    );
    this.st.level.run(m.sku, m.delta, id, m.kind === 'sale' ? m.at : null, m.at);
    return id;
  }

  onHand(sku: string): number {
    return (this.st.onHand.get(sku) as number | undefined) ?? 0;
  }

  level(sku: string): StockLevelRecord | undefined {
    return this.st.one.get(sku) as StockLevelRecord | undefined;
  }

  levels(filter: { skus?: readonly string[]; below?: 'zero' | 'minimum'; limit: number }): StockLevelRecord[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.skus) {
      if (filter.skus.length === 0) return [];
      where.push(`l.sku IN (${filter.skus.map(() => '?').join(',')})`);
      args.push(...filter.skus);
    }
    if (filter.below === 'zero') where.push('l.on_hand < 0');
    if (filter.below === 'minimum') where.push('m.min_on_hand IS NOT NULL AND l.on_hand < m.min_on_hand');
    const sql = `SELECT ${LEVEL_COLUMNS} FROM stock_level l LEFT JOIN stock_minimum m ON m.sku = l.sku
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY l.sku LIMIT ?`;
    return this.db.prepare(sql).all(...args, filter.limit) as StockLevelRecord[];
  }

  movements(filter: { sku?: string; ref?: string; limit: number }): StockMovementRecord[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.sku !== undefined) (where.push('sku = ?'), args.push(filter.sku));
    if (filter.ref !== undefined) (where.push('ref = ?'), args.push(filter.ref));
    const sql = `SELECT ${MOVEMENT_COLUMNS} FROM stock_ledger ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY id DESC LIMIT ?`;
    return this.db.prepare(sql).all(...args, filter.limit) as StockMovementRecord[];
  }

  slowMovers(before: string, limit: number): StockLevelRecord[] {
    return this.st.slow.all(before, limit) as StockLevelRecord[];
  }

  setMinimum(sku: string, minOnHand: number | null, at: string): void {
    if (minOnHand === null) return void this.st.clearMin.run(sku);
    this.st.setMin.run(sku, minOnHand);
    this.st.zeroLevel.run(sku, at);
  }

  verify(): StockMismatch[] {
    return this.st.verify.all() as StockMismatch[];
  }
}
