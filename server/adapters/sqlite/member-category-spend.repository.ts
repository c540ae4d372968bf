import type { Db } from './database.ts';
import type { MemberCategorySpendStore } from '../../app/ports/member-category-spend-store.port.ts';

export type {};

/**
 * A member's net spend per local day and top-level category (member_category_spend_day): added at
 * sale commit, lowered on the sale's day by refunds, read by the nightly tags job for 品类偏好 over
 * the same window as member_spend_day. Writes run inside the caller's transaction.
 */
export class MemberCategorySpendRepository implements MemberCategorySpendStore {
  private readonly s;
  constructor(db: Db) {
    this.s = {
      add: db.prepare(`INSERT INTO member_category_spend_day (member_serial, date, category, net_fen) VALUES (?, ?, ?, ?)
        ON CONFLICT(member_serial, date, category) DO UPDATE SET net_fen = net_fen + excluded.net_fen`),
      slice: db.prepare(`SELECT member_serial AS serial, category, sum(net_fen) AS fen FROM member_category_spend_day
        WHERE member_serial > ? AND member_serial <= ? AND date >= ? AND date <= ? GROUP BY member_serial, category HAVING fen > 0 ORDER BY member_serial`),
    };
  }

  /** `netFen` is negative for a refund. */
  add(serial: number, date: string, category: string, netFen: number): void {
    this.s.add.run(serial, date, category, netFen);
  }

  /** Members with serial in (after, until]: their spend by category over [from, to], only categories above zero. */
  slice(after: number, until: number, from: string, to: string): Map<number, Record<string, number>> {
    const out = new Map<number, Record<string, number>>();
    for (const r of this.s.slice.iterate(after, until, from, to) as Iterable<{
      serial: number;
      category: string;
      fen: number;
    }>) {
      let m = out.get(r.serial);
      if (!m) out.set(r.serial, (m = {}));
      m[r.category] = r.fen;
    }
    return out;
  }
}
