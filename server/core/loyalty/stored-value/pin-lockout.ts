import { err, ok, type Result } from '../../result.ts';

/** Wrong-PIN counter of one stored-value account; the caller persists it and compares the PIN hash. */
export type PinState = { readonly failedAttempts: number; readonly lockedUntilMs: number | null };
export type PinPolicy = { readonly maxAttempts: number; readonly lockMinutes: number };

export const defaultPinPolicy: PinPolicy = { maxAttempts: 5, lockMinutes: 30 };
export const unlockedPin: PinState = { failedAttempts: 0, lockedUntilMs: null };

/**
 * One PIN attempt at `nowMs`. While locked every attempt is refused, right or wrong; the lock lapses
 * at `lockedUntilMs` and the count starts again. The `maxAttempts`-th wrong try locks the account.
 */
export function attemptPin(
  state: PinState,
  attempt: { readonly pinMatches: boolean; readonly nowMs: number },
  policy: PinPolicy = defaultPinPolicy,
): { readonly state: PinState; readonly result: Result<true, 'LOYALTY_PIN_WRONG' | 'LOYALTY_PIN_LOCKED'> } {
  if (state.lockedUntilMs !== null && attempt.nowMs < state.lockedUntilMs) {
    return { state, result: err('LOYALTY_PIN_LOCKED', 'pin', { until: new Date(state.lockedUntilMs).toISOString() }) };
  }
  if (attempt.pinMatches) return { state: unlockedPin, result: ok(true) };
  const failed = (state.lockedUntilMs === null ? state.failedAttempts : 0) + 1;
  if (failed >= policy.maxAttempts) {
    const lockedUntilMs = attempt.nowMs + policy.lockMinutes * 60_000;
    return {
      state: { failedAttempts: failed, lockedUntilMs },
      result: err('LOYALTY_PIN_LOCKED', 'pin', { until: new Date(lockedUntilMs).toISOString() }),
    };
  }
  return {
    state: { failedAttempts: failed, lockedUntilMs: null },
    result: err('LOYALTY_PIN_WRONG', 'pin', { remaining: policy.maxAttempts - failed }),
  };
}
