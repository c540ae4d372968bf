import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MERCHANT_IDS } from '../../../test/reconciliation/statement-samples.ts';
import { changedTables, snapshotTables, type TableSnapshot } from '../../../test/support/table-snapshot.ts';
import { removeDir, startTestBox, TEST_ADMIN_PASSWORD, type TestBox } from '../../../test/support/test-box.ts';
import type { Dictionary } from './schema-arbitrary.ts';

/**
 * The real box the fuzz targets talk to, through its public surfaces only (HTTP, /ws/lane, MQTT),
 * plus a read-only connection on its database file for the half-write check.
 */
export type FuzzBox = {
  t: TestBox;
  /** a read-only view of the box's SQLite file (WAL: sees every committed write) */
  snapshot(): TableSnapshot;
  /** tokens by role; `refresh` logs in again after a fuzzed request ended a session */
  tokens: { admin: string; manager: string; cashier: string };
  refreshTokens(): Promise<void>;
  /** ids and codes the box handed out, so generated requests reach real records */
  dict: Dictionary & { add(value: unknown): void; protect(value: string): void };
  stop(): Promise<void>;
};

/**
 * Tables a refused request may legitimately write, with the reason; a change anywhere else after a
 * refusal is a half-write.
 */
export const REFUSAL_MAY_WRITE: Readonly<Record<string, string>> = {
  idempotency: 'a keyed request stores its answer, a refusal included, so a retry gets the same refusal',
  audit_log: 'refused logins, supervisor checks and device publications are audited by design',
  audit_anchor: 'the audit chain is anchored as the audit log grows',
};

export function halfWritten(before: TableSnapshot, after: TableSnapshot): string[] {
  return changedTables(before, after).filter((line) => !(line.split(':')[0] in REFUSAL_MAY_WRITE));
}

/** Walks a JSON answer and keeps id-like strings (ids, skus, codes, barcodes) for later inputs. */
function harvest(value: unknown, into: Set<string>, protectedIds: Set<string>, depth = 0): void {
  if (depth > 6 || into.size > 2_000 || value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if (
      typeof v === 'string' &&
      v.length > 0 &&
      v.length <= 64 &&
      /(^id$|Id$|^sku$|code$|Code$|barcode|^no$|No$)/.test(k) &&
      !protectedIds.has(v)
    )
      into.add(v);
    else if (typeof v === 'object') harvest(v, into, protectedIds, depth + 1);
  }
}

export async function startFuzzBox(): Promise<FuzzBox> {
  // on tmpfs where there is one: the fuzz is about answers, not fsync, and the disk is shared
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const t = await startTestBox(
    {
      // the fuzzer logs in wrong on purpose thousands of times from one address; the throttle itself is
      // covered by test/foundation/http-auth.test.ts
      auth: { maxFailuresPerUser: 1_000_000_000, maxFailuresPerAddress: 1_000_000_000 },
      reconciliation: { merchantIds: MERCHANT_IDS },
    },
    mkdtempSync(join(base, 'storebox-fuzz-')),
  );
  const db = new Database(join(t.dataDir, 'storebox.db'), { readonly: true, fileMustExist: true });
  const known = new Set<string>(['L01', 'S001']);
  const protectedIds = new Set<string>(['admin', 'manager1', 'cashier1']);
  let list: string[] = [...known];
  const dict: FuzzBox['dict'] = {
    values: () => list,
    add(value) {
      const before = known.size;
      harvest(value, known, protectedIds);
      if (known.size !== before) list = [...known];
    },
    protect(value) {
      protectedIds.add(value);
      known.delete(value);
      list = [...known];
    },
  };
  const tokens = { admin: '', manager: '', cashier: '' };
  const refreshTokens = async () => {
    tokens.admin = await t.login('admin', TEST_ADMIN_PASSWORD);
    tokens.manager = await t.login('manager1', 'manager1pass');
    tokens.cashier = await t.login('cashier1', 'cashier1pass');
  };
  await refreshTokens();
  // the fuzzer's own logins must survive it: their staff ids never become path parameters
  const staff = await t.api('/api/v1/staff', { token: tokens.admin });
  for (const s of (staff.body?.data?.staff ?? staff.body?.data ?? []) as Array<{ id?: string }>)
    if (typeof s?.id === 'string') dict.protect(s.id);
  for (const path of ['/api/v1/products', '/api/v1/members', '/api/v1/lanes', '/api/v1/promotions', '/api/v1/devices'])
    dict.add((await t.api(path, { token: tokens.admin })).body);
  return {
    t,
    snapshot: () => snapshotTables(db),
    tokens,
    refreshTokens,
    dict,
    async stop() {
      db.close();
      await t.stop();
      removeDir(t.dataDir);
    },
  };
}
