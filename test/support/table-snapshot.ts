import { createHash } from 'node:crypto';
import type { Db } from '../../server/adapters/sqlite/database.ts';

/* Kept free of vitest so standalone scripts (scripts/chaos/fuzz.ts) can snapshot a box's tables too. */

/** Every table's row count and a SHA-256 over its rows in rowid order (column values, BLOBs as hex). */
export type TableSnapshot = ReadonlyMap<string, { rows: number; sha256: string }>;

export function snapshotTables(db: Db): TableSnapshot {
  const tables = db
    .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as Array<{ name: string; sql: string }>;
  const out = new Map<string, { rows: number; sha256: string }>();
  for (const { name, sql } of tables) {
    const hash = createHash('sha256');
    let rows = 0;
    // WITHOUT ROWID tables have no rowid: their primary key orders them, and `SELECT *` in key order is stable
    const order = /WITHOUT\s+ROWID/i.test(sql) ? '' : ' ORDER BY rowid';
    for (const row of db
      .prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"${order}`)
      .raw()
      .iterate()) {
      rows++;
      hash.update(JSON.stringify(row, (_, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
      hash.update('\n');
    }
    out.set(name, { rows, sha256: hash.digest('hex') });
  }
  return out;
}

/** The tables whose rows differ between two snapshots, as readable lines ("stored_value_account: 0 → 1 rows"). */
export function changedTables(before: TableSnapshot, after: TableSnapshot): string[] {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changed: string[] = [];
  for (const name of names) {
    const a = before.get(name);
    const b = after.get(name);
    if (!a || !b) changed.push(`${name}: table ${a ? 'dropped' : 'created'}`);
    else if (a.rows !== b.rows) changed.push(`${name}: ${a.rows} → ${b.rows} rows`);
    else if (a.sha256 !== b.sha256) changed.push(`${name}: ${a.rows} rows, content changed`);
  }
  return changed;
}
