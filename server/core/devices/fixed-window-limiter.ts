/**
 * Counts attempts per key in fixed windows (e.g. announces per address per minute). Time is passed
 * in, so the core stays pure; keys of past windows are dropped when a new window starts.
 */
export class FixedWindowLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  #windowStart = 0;
  #counts = new Map<string, number>();

  constructor(limit: number, windowMs: number) {
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  /** Records one attempt; false when the key already used its allowance in this window. */
  take(key: string, nowMs: number): boolean {
    const start = nowMs - (nowMs % this.#windowMs);
    if (start !== this.#windowStart) {
      this.#windowStart = start;
      this.#counts.clear();
    }
    const used = this.#counts.get(key) ?? 0;
    if (used >= this.#limit) return false;
    this.#counts.set(key, used + 1);
    return true;
  }
}
