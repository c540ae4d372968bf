import type { Lane, LaneStore } from '../../app/ports/lane-store.port.ts';
import type { Db } from './database.ts';

export type { Lane } from '../../app/ports/lane-store.port.ts';

type Row = { id: string; name: string; active: number };
const toLane = (r: Row): Lane => ({ id: r.id, name: r.name, active: r.active === 1 });

/** Lanes (checkout stations). A retired lane stays (active = 0): its sales, shifts and sessions refer to it. */
export class LaneRepository implements LaneStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  /** True for an active lane (one a cashier may log in at and devices may be assigned to). */
  exists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM lane WHERE id = ? AND active = 1').get(id) !== undefined;
  }

  /** Any lane with this id, active or retired. */
  byId(id: string): Lane | undefined {
    const row = this.db.prepare('SELECT id, name, active FROM lane WHERE id = ?').get(id) as Row | undefined;
    return row && toLane(row);
  }

  list(): Lane[] {
    return (this.db.prepare('SELECT id, name, active FROM lane ORDER BY id').all() as Row[]).map(toLane);
  }

  insert(lane: { id: string; name: string }, at: string): void {
    this.db.prepare('INSERT INTO lane (id, name, created_at) VALUES (?, ?, ?)').run(lane.id, lane.name, at);
  }

  rename(id: string, name: string): void {
    this.db.prepare('UPDATE lane SET name = ? WHERE id = ?').run(name, id);
  }

  retire(id: string): void {
    this.db.prepare('UPDATE lane SET active = 0 WHERE id = ?').run(id);
  }

  /** The id of the lane's open cash shift, if any (shift_one_open_per_lane: at most one). */
  openShiftId(id: string): string | undefined {
    const row = this.db.prepare("SELECT id FROM shift WHERE lane_id = ? AND status = 'open'").get(id) as
      { id: string } | undefined;
    return row?.id;
  }
}
