import type { ParkedCartStore } from '../../app/ports/parked-cart-store.port.ts';
import type { Db } from './database.ts';

/** Parked carts survive a restart; resuming takes the cart out (it is then open on the lane again). */
class SqliteParkedCarts implements ParkedCartStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  insert(id: string, laneId: string, cashier: string, at: string, cart: unknown): void {
    this.db
      .prepare('INSERT INTO parked_cart (id, lane_id, cashier, parked_at, cart) VALUES (?, ?, ?, ?, ?)')
      .run(id, laneId, cashier, at, JSON.stringify(cart));
  }

  list(laneId: string): Array<{ id: string; cashier: string; parkedAt: string; lines: number }> {
    return this.db
      .prepare(
        "SELECT id, cashier, parked_at AS parkedAt, json_array_length(cart, '$.items') AS lines FROM parked_cart WHERE lane_id = ? ORDER BY parked_at",
      )
      .all(laneId) as Array<{ id: string; cashier: string; parkedAt: string; lines: number }>;
  }

  /**
   * Takes a parked cart out if `open` accepts it (the lane's cart is then that one); a refused cart
   * stays parked, so a failed resume loses nothing. undefined: no such parked cart on this lane.
   */
  take<T extends { ok: boolean }>(id: string, laneId: string, open: (stored: unknown) => T): T | undefined {
    return this.db
      .transaction(() => {
        const row = this.db.prepare('SELECT cart FROM parked_cart WHERE id = ? AND lane_id = ?').get(id, laneId) as
          { cart: string } | undefined;
        if (!row) return undefined;
        const opened = open(JSON.parse(row.cart));
        if (opened.ok) this.db.prepare('DELETE FROM parked_cart WHERE id = ?').run(id);
        return opened;
      })
      .immediate();
  }
}

/**
 * The SQLite parked carts. As a type the name means the port, so code that still names the class
 * (the lane service) takes the context's ParkedCartStore until it names the port itself.
 */
export const ParkedCartRepository = SqliteParkedCarts;
export type ParkedCartRepository = ParkedCartStore;
