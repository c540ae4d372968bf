/**
 * The unit of work a use case owns (STYLE.md: app owns the transaction boundary). The SQLite adapter
 * runs it as one IMMEDIATE transaction, so the write lock is taken up front.
 */
export interface Transactions {
  /** Runs `fn` in one transaction: it commits when `fn` returns and rolls back when it throws. */
  run<T>(fn: () => T): T;
  /**
   * Runs a use case that returns a Result: it commits only when the result is ok. A refusal rolls back
   * whatever `fn` wrote before it decided, so a refused write never leaves a half-written record.
   */
  runResult<R extends { readonly ok: boolean }>(fn: () => R): R;
}
