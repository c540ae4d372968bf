import type { Db } from './database.ts';

export type Lane = { id: string; name: string; active: boolean };

export class LaneRepository {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  exists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM lane WHERE id = ? AND active = 1').get(id) !== undefined;
  }

  list(): Lane[] {
    return (
      this.db.prepare('SELECT id, name, active FROM lane ORDER BY id').all() as Array<{
        id: string;
        name: string;
        active: number;
      }>
    ).map((r) => ({ ...r, active: r.active === 1 }));
  }

  insert(lane: { id: string; name: string }, at: string): void {
    this.db.prepare('INSERT INTO lane (id, name, created_at) VALUES (?, ?, ?)').run(lane.id, lane.name, at);
  }
}
