/** Where new ids come from, beside the Clock: a test can fix both and get the same result twice. */
export interface Ids {
  /** A UUIDv7 (time-ordered; RFC 9562 §5.7) for carts, shifts, transactions. */
  uuid(): string;
  /** 32 hex digits without dashes: merchant refund numbers a channel accepts (≤ 32 characters). */
  compact(): string;
}
