import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/adapters/sqlite/database.ts';
import { readMigrationsDir } from '../../server/adapters/sqlite/migration-files.ts';
import { migrate } from '../../server/adapters/sqlite/migrator.ts';
import { StatementImportRepository } from '../../server/adapters/sqlite/statement-import.repository.ts';
import type { StatementRow } from '../../server/core/reconciliation/index.ts';
import { REPO_ROOT } from '../support/box-process.ts';
import { removeDir } from '../support/test-box.ts';

const dir = mkdtempSync(join(tmpdir(), 'storebox-chunk-migration-'));
afterAll(() => removeDir(dir));

describe('migration 0011: statement rows to chunks', () => {
  it('carries every stored row over, in file order, read back as it was imported', () => {
    const all = readMigrationsDir(join(REPO_ROOT, 'migrations'));
    const db = openDatabase(join(dir, 'm.db'));
    migrate(
      db,
      all.filter((m) => m.version <= 10),
    );
    const importRow = db.prepare(
      `INSERT INTO statement_import (content_sha256, channel, layout, merchant_id, period_start, period_end, row_count, payment_count, payment_fen, refund_count, refund_fen, fee_fen, net_fen, status, imported_at, actor)
       VALUES (?, ?, 'x', ?, '2024-03-10', '2024-03-11', 0, 0, 0, 0, 0, 0, 0, 'complete', '2024-03-12T00:00:00Z', 'm')`,
    );
    importRow.run('a'.repeat(64), 'card', '898310048990001');
    importRow.run('b'.repeat(64), 'card', '898310048990001');
    const row = db.prepare(
      `INSERT INTO statement_row (import_id, channel, business_date, line, kind, merchant_order_no, channel_txn_id, refund_request_no, amount_fen, settled_fen, fee_fen, occurred_at)
       VALUES (?, 'card', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // the second import's rows interleave the first's by id; strings that need quoting; a standalone terminal's empty order number
    row.run(1, '2024-03-10', 2, 'payment', 'T-1', '240310101502', null, 1230, 1230, 7, '2024-03-10T10:15:02');
    row.run(2, '2024-03-10', 2, 'payment', '"odd"', 'a\tb', null, 500, 500, 3, '2024-03-10T11:00:00');
    row.run(1, '2024-03-11', 3, 'refund', 'T-1', '240310101502', 'T-1-R1', 230, 230, -1, '2024-03-11T17:00:00');
    row.run(1, '2024-03-10', 4, 'payment', '', '240310120000', null, 990, 990, 6, '2024-03-10T12:00:00');
    migrate(db, all);

    const common = { channel: 'card', merchantId: '898310048990001' } as const;
    const expected: StatementRow[] = [
      {
        ...common,
        merchantOrderNo: 'T-1',
        channelTxnId: '240310101502',
        kind: 'payment',
        amountFen: 1230,
        settledFen: 1230,
        feeFen: 7,
        occurredAt: '2024-03-10T10:15:02',
        businessDate: '2024-03-10',
        line: 2,
      },
      {
        ...common,
        merchantOrderNo: '',
        channelTxnId: '240310120000',
        kind: 'payment',
        amountFen: 990,
        settledFen: 990,
        feeFen: 6,
        occurredAt: '2024-03-10T12:00:00',
        businessDate: '2024-03-10',
        line: 4,
      },
      {
        ...common,
        merchantOrderNo: '"odd"',
        channelTxnId: 'a\tb',
        kind: 'payment',
        amountFen: 500,
        settledFen: 500,
        feeFen: 3,
        occurredAt: '2024-03-10T11:00:00',
        businessDate: '2024-03-10',
        line: 2,
      },
      {
        ...common,
        merchantOrderNo: 'T-1',
        channelTxnId: '240310101502',
        kind: 'refund',
        refundRequestNo: 'T-1-R1',
        amountFen: 230,
        settledFen: 230,
        feeFen: -1,
        occurredAt: '2024-03-11T17:00:00',
        businessDate: '2024-03-11',
        line: 3,
      },
    ];
    expect(new StatementImportRepository(db).rowsFor('card', ['2024-03-10', '2024-03-11'])).toStrictEqual(expected);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'statement_row'").get()).toEqual({ n: 0 });
    db.close();
  });
});
