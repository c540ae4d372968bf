export type LoyaltyCounter = 'points' | 'stored_value' | 'member' | 'coupon';

/** Sequential ids for loyalty records (points entries, coupons, …): peek, then reserve inside the transaction (LoyaltyCounterRepository). */
export interface LoyaltyCounterStore {
  /** The next number, not reserved: the core needs entry ids before it computes; reserve() follows in the same transaction. */
  peek(name: LoyaltyCounter): number;
  /** Reserves n numbers and returns the first of them. */
  reserve(name: LoyaltyCounter, n?: number): number;
}
