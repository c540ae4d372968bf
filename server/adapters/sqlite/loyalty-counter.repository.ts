import type { Db } from './database.ts';

export type LoyaltyCounter = 'points' | 'stored_value' | 'member' | 'coupon';

/** Sequences for ledger ids (`${storeId}-${seq}`) and serials; reserved inside the caller's transaction. */
export class LoyaltyCounterRepository {
  private readonly reserveStmt;
  constructor(db: Db) {
    this.reserveStmt = db.prepare('INSERT INTO loyalty_counter (name, last) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET last = last + excluded.last RETURNING last');
  }

  /** Reserves n numbers and returns the first of them. */
  reserve(name: LoyaltyCounter, n = 1): number {
    const last = (this.reserveStmt.get(name, n) as { last: number }).last;
    return last - n + 1;
  }
}
