/** Parked carts survive a restart; resuming takes the cart out (it is then open on the lane again). */
export interface ParkedCartStore {
  insert(id: string, laneId: string, cashier: string, at: string, cart: unknown): void;
  list(laneId: string): Array<{ id: string; cashier: string; parkedAt: string; lines: number }>;
  /**
   * Takes a parked cart out if `open` accepts it, atomically; a refused cart stays parked, so a
   * failed resume loses nothing. undefined: no such parked cart on this lane.
   */
  take<T extends { ok: boolean }>(id: string, laneId: string, open: (stored: unknown) => T): T | undefined;
}
