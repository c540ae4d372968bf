import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/adapters/sqlite/database.ts';
import { readMigrationsDir } from '../../server/adapters/sqlite/migration-files.ts';
import { migrate } from '../../server/adapters/sqlite/migrator.ts';
import { ROW_CHUNK, StatementImportRepository } from '../../server/adapters/sqlite/statement-import.repository.ts';
import { totalsOf, type ParsedStatement, type StatementRow } from '../../server/core/reconciliation/index.ts';
import { REPO_ROOT } from '../support/box-process.ts';
import { removeDir } from '../support/test-box.ts';

const dir = mkdtempSync(join(tmpdir(), 'storebox-statement-repo-'));
afterAll(() => removeDir(dir));

/** A two-day file whose rows alternate between the days in runs of 7 (refunds dated the next day). */
function statement(n: number): ParsedStatement {
  const rows: StatementRow[] = Array.from({ length: n }, (_, i) => {
    const nextDay = Math.floor(i / 7) % 2 === 1;
    const base = {
      channel: 'wechat',
      merchantId: '1900000109',
      merchantOrderNo: `T${i}`,
      channelTxnId: `4200${i}`,
      amountFen: 100 + i,
      settledFen: 100 + i,
      feeFen: 1,
      line: i + 2,
    } as const;
    return nextDay
      ? {
          ...base,
          kind: 'refund',
          refundRequestNo: `R${i}`,
          feeFen: -1,
          occurredAt: '2024-03-11T08:00:00',
          businessDate: '2024-03-11',
        }
      : { ...base, kind: 'payment', occurredAt: '2024-03-10T09:00:00', businessDate: '2024-03-10' };
  });
  return {
    channel: 'wechat',
    layout: 'wechat-trade-all',
    merchantId: '1900000109',
    periodStart: '2024-03-10',
    periodEnd: '2024-03-11',
    rowCount: n,
    rows,
    totals: totalsOf(rows),
    contentHash: 'c'.repeat(64),
  };
}

describe('statement rows stored in chunks', () => {
  const db = openDatabase(join(dir, 's.db'));
  migrate(db, readMigrationsDir(join(REPO_ROOT, 'migrations')));
  const repo = new StatementImportRepository(db);
  const s = statement(2 * ROW_CHUNK + 501);
  const meta = { fileName: 'bill.csv', importedAt: '2024-03-12T01:00:00Z', actor: 'manager1' };

  it('reads each day back in file order, only once the import is complete; chunks never exceed ROW_CHUNK rows', () => {
    const id = repo.begin(s, meta);
    for (let from = 0; from < s.rows.length; from += ROW_CHUNK)
      repo.appendRows(id, s.rows, from, Math.min(s.rows.length, from + ROW_CHUNK));
    expect(repo.rowsFor('wechat', ['2024-03-10', '2024-03-11'])).toEqual([]);
    repo.markComplete(id);
    for (const day of ['2024-03-10', '2024-03-11'])
      expect(repo.rowsFor('wechat', [day])).toStrictEqual(s.rows.filter((r) => r.businessDate === day));
    const chunks = db
      .prepare('SELECT business_date AS day, row_count AS n FROM statement_chunk WHERE import_id = ?')
      .all(id) as { day: string; n: number }[];
    expect(chunks).toHaveLength(6); // three transactions, two days each
    expect(Math.max(...chunks.map((c) => c.n))).toBeLessThanOrEqual(ROW_CHUNK);
    expect(chunks.reduce((a, c) => a + c.n, 0)).toBe(s.rows.length);
    // the write connection is back to the durability the box requires
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('discards an unfinished import with all its chunks', () => {
    const other = { ...s, contentHash: 'd'.repeat(64), periodStart: '2024-03-12', periodEnd: '2024-03-12' };
    const id = repo.begin(other, meta);
    repo.appendRows(id, other.rows, 0, ROW_CHUNK);
    repo.discard(id);
    expect(db.prepare('SELECT count(*) AS n FROM statement_chunk WHERE import_id = ?').get(id)).toEqual({ n: 0 });
    expect(repo.byId(id)).toBeUndefined();
  });
});
