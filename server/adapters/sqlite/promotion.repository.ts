import type { PromotionStore, StoredPromotion } from '../../app/ports/promotion-store.port.ts';
import type { Db } from './database.ts';

export type { StoredPromotion } from '../../app/ports/promotion-store.port.ts';

type Row = { id: string; definition: string; active: number; updated_at: string; updated_by: string };
const toStored = (r: Row): StoredPromotion => ({
  id: r.id,
  definition: JSON.parse(r.definition),
  active: r.active === 1,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

/** Promotions as validated JSON documents; validation happens before they get here. */
export class PromotionRepository implements PromotionStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  active(): unknown[] {
    return (
      this.db.prepare('SELECT definition FROM promotion WHERE active = 1 ORDER BY id').all() as Array<{
        definition: string;
      }>
    ).map((r) => JSON.parse(r.definition));
  }

  list(): StoredPromotion[] {
    return (this.db.prepare('SELECT * FROM promotion ORDER BY id').all() as Row[]).map(toStored);
  }

  get(id: string): StoredPromotion | undefined {
    const row = this.db.prepare('SELECT * FROM promotion WHERE id = ?').get(id) as Row | undefined;
    return row && toStored(row);
  }

  upsert(id: string, definition: unknown, active: boolean, at: string, by: string): void {
    this.db
      .prepare(
        `INSERT INTO promotion (id, definition, active, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET definition = excluded.definition, active = excluded.active, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(id, JSON.stringify(definition), active ? 1 : 0, at, by);
  }

  setActive(id: string, active: boolean, at: string, by: string): boolean {
    return (
      this.db
        .prepare('UPDATE promotion SET active = ?, updated_at = ?, updated_by = ? WHERE id = ?')
        .run(active ? 1 : 0, at, by, id).changes > 0
    );
  }
}
