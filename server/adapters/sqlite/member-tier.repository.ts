import type { TierChange } from '../../core/loyalty/index.ts';
import type { Db } from './database.ts';
import type { MemberTierStore } from '../../app/ports/member-tier-store.port.ts';

export type {};

/** Tier history: one row per change, appended with the member row's tier update. */
export class MemberTierRepository implements MemberTierStore {
  private readonly s;
  constructor(db: Db) {
    this.s = {
      insert: db.prepare(
        'INSERT INTO tier_change (member_id, from_code, to_code, reason, spend_fen, at, sale_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      ofMember: db.prepare(
        'SELECT member_id AS memberId, from_code AS fromCode, to_code AS toCode, reason, spend_fen AS spendFen, at, sale_id AS saleId FROM tier_change WHERE member_id = ? ORDER BY id',
      ),
    };
  }

  /** Returns the row id (the change id in notifications). */
  insert(c: TierChange): number {
    return Number(
      this.s.insert.run(c.memberId, c.fromCode, c.toCode, c.reason, c.spendFen, c.at, c.saleId ?? null).lastInsertRowid,
    );
  }

  ofMember(memberId: string): TierChange[] {
    return (this.s.ofMember.all(memberId) as Array<TierChange & { saleId: string | null }>).map(({ saleId, ...c }) =>
      saleId === null ? c : { ...c, saleId },
    );
  }
}
