import type { StocktakeLineRecord, StocktakeRecord, StocktakeStore } from '../../app/ports/stocktake-store.port.ts';
import type { Db } from './database.ts';

const COLUMNS = `id, category_prefix AS categoryPrefix, status, started_by AS startedBy, started_at AS startedAt, reason,
  posted_by AS postedBy, approved_by AS approvedBy, posted_at AS postedAt`;
const LINE_COLUMNS = 'sku, snapshot_on_hand AS snapshotOnHand, counted';

/** Count sheets, their lines and every count. Writes run inside the caller's transaction. */
export class StocktakeRepository implements StocktakeStore {
  private readonly st;

  constructor(db: Db) {
    this.st = {
      open: db.prepare("SELECT 1 FROM stocktake WHERE category_prefix = ? AND status <> 'posted'").pluck(),
      insert: db.prepare(
        "INSERT INTO stocktake (id, category_prefix, status, started_by, started_at) VALUES (?, ?, 'counting', ?, ?)",
      ),
      line: db.prepare('INSERT INTO stocktake_line (stocktake_id, sku, snapshot_on_hand, counted) VALUES (?, ?, ?, ?)'),
      byId: db.prepare(`SELECT ${COLUMNS} FROM stocktake WHERE id = ?`),
      lines: db.prepare(`SELECT ${LINE_COLUMNS} FROM stocktake_line WHERE stocktake_id = ? ORDER BY sku`),
      lineOf: db.prepare(`SELECT ${LINE_COLUMNS} FROM stocktake_line WHERE stocktake_id = ? AND sku = ?`),
      count: db.prepare(
        'INSERT INTO stocktake_count (stocktake_id, sku, quantity, counted_by, at) VALUES (?, ?, ?, ?, ?)',
      ),
      addCounted: db.prepare(
        'UPDATE stocktake_line SET counted = coalesce(counted, 0) + ? WHERE stocktake_id = ? AND sku = ?',
      ),
      posted: db.prepare(
        "UPDATE stocktake SET status = 'posted', posted_by = ?, approved_by = ?, reason = ?, posted_at = ? WHERE id = ?",
      ),
    };
  }

  insert(s: StocktakeRecord, lines: readonly StocktakeLineRecord[]): boolean {
    if (this.st.open.get(s.categoryPrefix)) return false;
    this.st.insert.run(s.id, s.categoryPrefix, s.startedBy, s.startedAt);
    for (const l of lines) this.st.line.run(s.id, l.sku, l.snapshotOnHand, l.counted);
    return true;
  }

  byId(id: string): StocktakeRecord | undefined {
    return this.st.byId.get(id) as StocktakeRecord | undefined;
  }

  lines(id: string): StocktakeLineRecord[] {
    return this.st.lines.all(id) as StocktakeLineRecord[];
  }

  line(id: string, sku: string): StocktakeLineRecord | undefined {
    return this.st.lineOf.get(id, sku) as StocktakeLineRecord | undefined;
  }

  addCount(id: string, sku: string, quantity: number, countedBy: string, at: string): void {
    this.st.count.run(id, sku, quantity, countedBy, at);
    this.st.addCounted.run(quantity, id, sku);
  }

  markPosted(id: string, by: string, approvedBy: string | null, reason: string, at: string): void {
    this.st.posted.run(by, approvedBy, reason, at, id);
  }
}
