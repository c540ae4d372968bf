/**
 * Counts failed logins per username and per client address in a sliding window; past the limit
 * further attempts are refused before the password is even checked. In memory on purpose: a
 * restart forgets, which is acceptable for a LAN box and keeps the hot path free of writes.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly perUser: number;
  private readonly perAddress: number;
  private readonly windowMs: number;

  constructor(options: { perUser: number; perAddress: number; windowMs: number }) {
    this.perUser = options.perUser;
    this.perAddress = options.perAddress;
    this.windowMs = options.windowMs;
  }

  /** Seconds until a new attempt is allowed, or 0 when allowed now. */
  retryAfterSeconds(username: string, address: string, nowMs: number): number {
    const wait = Math.max(
      this.waitFor(`u:${username.toLowerCase()}`, this.perUser, nowMs),
      this.waitFor(`a:${address}`, this.perAddress, nowMs),
    );
    return Math.ceil(wait / 1000);
  }

  recordFailure(username: string, address: string, nowMs: number): void {
    for (const key of [`u:${username.toLowerCase()}`, `a:${address}`]) {
      const list = this.recent(key, nowMs);
      list.push(nowMs);
      this.failures.set(key, list);
    }
  }

  recordSuccess(username: string): void {
    this.failures.delete(`u:${username.toLowerCase()}`);
  }

  private recent(key: string, nowMs: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > nowMs - this.windowMs);
  }

  private waitFor(key: string, limit: number, nowMs: number): number {
    const list = this.recent(key, nowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list.length < limit ? 0 : list[list.length - limit] + this.windowMs - nowMs;
  }
}
