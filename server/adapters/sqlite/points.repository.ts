import type { PointsEntry } from '../../core/loyalty/index.ts';
import type { Db } from './database.ts';
import type { PointsStore } from '../../app/ports/points-store.port.ts';

export type {};

/** The append-only points ledger. Entries are never updated or deleted; lots are replayed from them. */
export class PointsRepository implements PointsStore {
  private readonly s;
  constructor(db: Db) {
    this.s = {
      insert: db.prepare(
        'INSERT INTO points_entry (seq, id, member_id, kind, points, at, sale_id, entry) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      ofMember: db.prepare('SELECT entry FROM points_entry WHERE member_id = ? ORDER BY seq'),
      ofSale: db.prepare('SELECT entry FROM points_entry WHERE sale_id = ? ORDER BY seq'),
      mismatches: db.prepare(`SELECT m.id AS memberId, m.points_balance AS cached, coalesce(sum(p.points), 0) AS derived
        FROM member m LEFT JOIN points_entry p ON p.member_id = m.id GROUP BY m.id HAVING cached <> derived LIMIT ?`),
      holders: db.prepare('SELECT id FROM member WHERE points_balance > 0 ORDER BY serial'),
      count: db.prepare('SELECT count(*) AS n FROM points_entry'),
    };
  }

  /** `seq` is the number in the id (`${storeId}-${seq}`), reserved from the 'points' counter. */
  append(seq: number, e: PointsEntry): void {
    this.s.insert.run(seq, e.id, e.memberId, e.kind, e.points, e.at, e.saleId ?? null, JSON.stringify(e));
  }

  entriesOf(memberId: string): PointsEntry[] {
    return (this.s.ofMember.all(memberId) as { entry: string }[]).map((r) => JSON.parse(r.entry));
  }

  entriesOfSale(saleId: string): PointsEntry[] {
    return (this.s.ofSale.all(saleId) as { entry: string }[]).map((r) => JSON.parse(r.entry));
  }

  /** Members whose cached balance differs from the ledger sum (should be none). */
  mismatches(limit: number): Array<{ memberId: string; cached: number; derived: number }> {
    return this.s.mismatches.all(limit) as Array<{ memberId: string; cached: number; derived: number }>;
  }

  holders(): string[] {
    return (this.s.holders.all() as { id: string }[]).map((r) => r.id);
  }

  count(): number {
    return (this.s.count.get() as { n: number }).n;
  }
}
