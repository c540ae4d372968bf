import type { StoreInfo, StoreInfoStore } from '../../app/ports/store-info.port.ts';
import type { Db } from './database.ts';

export type { StoreInfo } from '../../app/ports/store-info.port.ts';

type Row = {
  id: string;
  box_id: string;
  name_zh: string;
  name_en: string;
  address: string;
  timezone: string;
  settings: string;
};

/**
 * The one store this box runs (a single row). Read on every scan, so it is kept in memory and
 * re-read only after this repository wrote it (the box is the row's only writer).
 */
export class StoreRepository implements StoreInfoStore {
  private readonly db: Db;
  private cached: StoreInfo | undefined;
  constructor(db: Db) {
    this.db = db;
  }

  get(): StoreInfo | undefined {
    if (this.cached) return this.cached;
    const r = this.db.prepare('SELECT * FROM store LIMIT 1').get() as Row | undefined;
    this.cached = r && {
      id: r.id,
      boxId: r.box_id,
      nameZh: r.name_zh,
      nameEn: r.name_en,
      address: r.address,
      timezone: r.timezone,
      settings: JSON.parse(r.settings),
    };
    return this.cached;
  }

  insert(store: Omit<StoreInfo, 'settings'> & { settings?: Record<string, unknown> }, at: string): void {
    this.db
      .prepare(
        'INSERT INTO store (id, box_id, name_zh, name_en, address, timezone, settings, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        store.id,
        store.boxId,
        store.nameZh,
        store.nameEn,
        store.address,
        store.timezone,
        JSON.stringify(store.settings ?? {}),
        at,
      );
    this.cached = undefined;
  }

  updateSettings(settings: Record<string, unknown>): void {
    this.db.prepare('UPDATE store SET settings = ?').run(JSON.stringify(settings));
    this.cached = undefined;
  }
}
