/** A member's spend per top-level category and day, for 品类偏好 tags (MemberCategorySpendRepository). */
export interface MemberCategorySpendStore {
  /** `netFen` is negative for a refund. */
  add(serial: number, date: string, category: string, netFen: number): void;
  /** Members with serial in (after, until]: their spend by category over [from, to], only categories above zero. */
  slice(after: number, until: number, from: string, to: string): Map<number, Record<string, number>>;
}
