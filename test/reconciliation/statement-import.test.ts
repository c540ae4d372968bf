import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatementImportRepository } from '../../server/adapters/sqlite/statement-import.repository.ts';
import { parseStatement } from '../../server/adapters/statements/parse-statement.ts';
import type { StatementChannel, StatementRow } from '../../server/core/reconciliation/index.ts';
import { alipayBillBytes } from '../fixtures/statements/alipay-bill.fixture.ts';
import { wechatBillBytes } from '../fixtures/statements/wechat-bill.fixture.ts';
import { runCommand } from '../support/box-process.ts';
import { removeDir, startTestBox, type TestBox } from '../support/test-box.ts';
import { DAY, MERCHANT_IDS, samples } from './statement-samples.ts';

let t: TestBox;
let token: string;
beforeAll(async () => {
  t = await startTestBox({ reconciliation: { merchantIds: MERCHANT_IDS } });
  token = await t.login('manager1', 'manager1pass');
});
afterAll(async () => {
  await t.stop();
  removeDir(t.dataDir);
});

async function upload(
  query: string,
  bytes: Buffer,
  auth = token,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${t.baseUrl}/api/v1/statements/import?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/octet-stream', ...extraHeaders },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: await res.json() };
}

function count(sql: string, ...params: unknown[]): number {
  const db = new Database(join(t.dataDir, 'storebox.db'), { readonly: true });
  try {
    return (db.prepare(sql).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** The complete imports' rows of a day as the reconciliation reads them. */
function storedRows(channel: StatementChannel, day: string): StatementRow[] {
  const db = new Database(join(t.dataDir, 'storebox.db'), { readonly: true });
  try {
    return new StatementImportRepository(db).rowsFor(channel, [day]);
  } finally {
    db.close();
  }
}

describe('statement import over the API', () => {
  it('imports each channel’s downloaded file once; the same file again adds nothing', async () => {
    for (const s of samples()) {
      const query = `channel=${s.channel}&fileName=${encodeURIComponent(s.fileName)}&date=${DAY}${s.expectSha1 ? `&expectSha1=${s.expectSha1}` : ''}`;
      const first = await upload(query, s.bytes);
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      expect(first.body.data).toMatchObject({
        channel: s.channel,
        duplicate: false,
        rowCount: s.rows,
        periodStart: DAY,
        periodEnd: DAY,
      });
      const again = await upload(query, s.bytes);
      expect(again.status).toBe(200);
      expect(again.body.data).toMatchObject({ importId: first.body.data.importId, duplicate: true });
      expect(
        count('SELECT sum(row_count) AS n FROM statement_chunk WHERE import_id = ?', first.body.data.importId),
      ).toBe(s.rows);
      // stored packed, read back exactly as parsed
      const parsed = await parseStatement(s.channel, s.bytes, { fileName: s.fileName });
      expect(parsed.ok && storedRows(s.channel, DAY)).toEqual(parsed.ok && parsed.value.rows);
    }
    expect(count("SELECT count(*) AS n FROM statement_import WHERE status = 'complete'")).toBe(4);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'statement.import'")).toBe(4);
    const list = await t.api(`/api/v1/statements?date=${DAY}`, { token });
    expect(list.body.data.map((i: any) => i.channel).sort()).toEqual(['alipay', 'card', 'unionpay', 'wechat']);
  });

  it('rejects a malformed file whole, with its line errors, storing nothing', async () => {
    const before = count('SELECT count(*) AS n FROM statement_chunk');
    const good = {
      time: `${DAY} 09:00:00`,
      txnId: '4200000101',
      orderNo: 'M-1',
      status: 'SUCCESS',
      orderFen: 100,
      feeFen: 1,
    };
    // the first row's 应结订单金额 is not an amount
    const bill = wechatBillBytes('SUCCESS', [good, { ...good, txnId: '4200000102', orderNo: 'M-2' }])
      .toString('utf8')
      .replace(',`1.00,', ',`1.0x,');
    const r = await upload('channel=wechat', Buffer.from(bill));
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('STATEMENT_REJECTED');
    expect(r.body.error.errors.length).toBeGreaterThan(0);
    expect(r.body.error.errors[0]).toMatchObject({ line: 2, code: 'STATEMENT_MALFORMED_AMOUNT' });
    expect(count('SELECT count(*) AS n FROM statement_chunk')).toBe(before);
  });

  it('rejects another merchant’s statement, an unexpected day and a truncated file', async () => {
    const before = count('SELECT count(*) AS n FROM statement_import');
    const row = {
      time: `${DAY} 11:00:00`,
      txnId: '4200000201',
      orderNo: 'X-1',
      status: 'SUCCESS',
      orderFen: 500,
      feeFen: 3,
    };
    const other = await upload('channel=wechat', wechatBillBytes('ALL', [{ ...row, mchId: '1900000999' }]));
    expect(other.status).toBe(422);
    expect(other.body.error.errors.map((e: any) => e.code)).toContain('STATEMENT_MERCHANT_MISMATCH');

    const wrongDay = await upload('channel=wechat&date=2024-03-11', wechatBillBytes('ALL', [row]));
    expect(wrongDay.body.error.errors.map((e: any) => e.code)).toContain('STATEMENT_DATE_MISMATCH');

    const truncated = await upload(
      'channel=alipay',
      alipayBillBytes({
        date: '2024-03-12',
        cut: 'end-marker',
        rows: [
          { tradeNo: '2024031222001', orderNo: 'A-9', type: '交易', finishedAt: '2024-03-12 09:00:00', amountFen: 100 },
        ],
      }),
    );
    expect(truncated.status).toBe(422);
    expect(truncated.body.error.errors.map((e: any) => e.code)).toContain('STATEMENT_TRUNCATED');
    expect(count('SELECT count(*) AS n FROM statement_import')).toBe(before);
  });

  it('needs a manager and a known channel', async () => {
    const cashier = await t.login('cashier1', 'cashier1pass');
    expect((await upload('channel=wechat', Buffer.from('x'), cashier)).status).toBe(403);
    const bad = await upload('channel=paypal', Buffer.from('x'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('channel');
    expect((await upload('channel=wechat', Buffer.alloc(0))).body.error.code).toBe('RECON_STATEMENT_EMPTY');
  });

  it('an upload carrying an Idempotency-Key (as every client sends on a write) is answered, not an internal error', async () => {
    const empty = await upload('channel=wechat', Buffer.alloc(0), token, { 'idempotency-key': 'statement-empty-1' });
    expect(empty.body.error?.code, JSON.stringify(empty.body)).toBe('RECON_STATEMENT_EMPTY');
    const garbage = await upload('channel=wechat', Buffer.from('not a bill\n'), token, {
      'idempotency-key': 'statement-garbage-1',
    });
    expect(garbage.body.ok, JSON.stringify(garbage.body)).toBe(false);
    expect(garbage.body.error.code).not.toBe('INTERNAL');
    expect(garbage.status).toBeLessThan(500);
  });
});

describe('storebox import-statement (CLI, database opened directly)', () => {
  it('imports a file, prints progress to stderr, and is a no-op the second time', async () => {
    const bill = wechatBillBytes('ALL', [
      {
        time: '2024-03-09 09:00:00',
        txnId: '4200000301',
        orderNo: 'CLI-1',
        status: 'SUCCESS',
        orderFen: 700,
        feeFen: 4,
      },
    ]);
    const file = join(t.dataDir, 'cli-bill.csv');
    writeFileSync(file, bill);
    const env = { STOREBOX_DATA_DIR: t.dataDir, STOREBOX_LOG_LEVEL: 'silent' };
    const first = await runCommand(['import-statement', '--channel', 'wechat', file], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/imported .*1 rows/);
    expect(first.stderr).toMatch(/parse/);
    const again = await runCommand(['import-statement', '--channel', 'wechat', file], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already imported/);
    expect(storedRows('wechat', '2024-03-09').filter((r) => r.merchantOrderNo === 'CLI-1')).toHaveLength(1);

    writeFileSync(file, bill.subarray(0, bill.length - 40));
    const cut = await runCommand(['import-statement', '--channel', 'wechat', file], env);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/line \d+: STATEMENT_/);
  });
});
