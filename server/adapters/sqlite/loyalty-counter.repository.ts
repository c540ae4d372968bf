import type { Db } from './database.ts';
import type { LoyaltyCounter, LoyaltyCounterStore } from '../../app/ports/loyalty-counter-store.port.ts';

export type { LoyaltyCounter };

/** Sequences for ledger ids (`${storeId}-${seq}`) and serials; reserved inside the caller's transaction. */
export class LoyaltyCounterRepository implements LoyaltyCounterStore {
  private readonly reserveStmt;
  private readonly peekStmt;
  constructor(db: Db) {
    this.peekStmt = db.prepare('SELECT last FROM loyalty_counter WHERE name = ?');
    this.reserveStmt = db.prepare(
      'INSERT INTO loyalty_counter (name, last) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET last = last + excluded.last RETURNING last',
    );
  }

  /** The next number, not reserved: the core needs entry ids before it computes; reserve() follows in the same transaction. */
  peek(name: LoyaltyCounter): number {
    return ((this.peekStmt.get(name) as { last: number } | undefined)?.last ?? 0) + 1;
  }

  /** Reserves n numbers and returns the first of them. */
  reserve(name: LoyaltyCounter, n = 1): number {
    const last = (this.reserveStmt.get(name, n) as { last: number }).last;
    return last - n + 1;
  }
}
