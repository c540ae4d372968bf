import { expect } from 'vitest';
import type { Db } from '../../server/adapters/sqlite/database.ts';
import { changedTables, snapshotTables } from './table-snapshot.ts';

export { changedTables, snapshotTables, type TableSnapshot } from './table-snapshot.ts';

/**
 * The idempotency table stores every keyed request's answer, a refusal included (a retry must get the
 * same refusal back), so it is never a half-written record.
 */
const ALWAYS_WRITTEN = ['idempotency'];

/**
 * Runs a write the box must refuse and asserts that no row of any table changed: a refusal rolls
 * back. `except` names further tables a refused request may legitimately touch (e.g. a counted wrong
 * PIN); say why at the call site. Returns what `act` returned, for asserting the error code too.
 */
export async function expectNoRowsChanged<T>(
  db: Db,
  act: () => Promise<T> | T,
  options: { except?: readonly string[] } = {},
): Promise<T> {
  const before = snapshotTables(db);
  const result = await act();
  const except = new Set([...ALWAYS_WRITTEN, ...(options.except ?? [])]);
  expect(changedTables(before, snapshotTables(db)).filter((line) => !except.has(line.split(':')[0]))).toEqual([]);
  return result;
}
