import { createHash } from 'node:crypto';
import type { Db } from './database.ts';
import { StartupError } from './database.ts';

export type Migration = { readonly version: number; readonly name: string; readonly sql: string };

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export function parseMigrationName(file: string): { version: number; name: string } | undefined {
  const m = FILE_NAME.exec(file);
  return m ? { version: Number(m[1]), name: m[2] } : undefined;
}

export function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

export type MigrationReport = { applied: string[]; alreadyApplied: number };

/**
 * Applies migrations in order, each in its own transaction together with its record
 * (version, name, SHA-256). Refuses to start when an applied file has changed or vanished:
 * forward-only means an applied migration is history.
 */
export function migrate(db: Db, migrations: readonly Migration[]): MigrationReport {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].version === sorted[i - 1].version)
      throw new StartupError(
        `two migrations share number ${sorted[i].version}: ${sorted[i - 1].name}, ${sorted[i].name}`,
      );
  }
  const applied = new Map(
    (
      db.prepare('SELECT version, name, checksum FROM schema_migrations').all() as Array<{
        version: number;
        name: string;
        checksum: string;
      }>
    ).map((r) => [r.version, r]),
  );
  const byVersion = new Map(sorted.map((m) => [m.version, m]));
  for (const row of applied.values()) {
    const file = byVersion.get(row.version);
    const label = `${String(row.version).padStart(4, '0')}_${row.name}.sql`;
    if (!file)
      throw new StartupError(
        `migration ${label} was applied to this database but is missing: this binary is older than the database`,
      );
    if (checksum(file.sql) !== row.checksum)
      throw new StartupError(
        `migration ${label} has changed since it was applied (checksum mismatch): refusing to start`,
      );
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  const report: MigrationReport = { applied: [], alreadyApplied: applied.size };
  for (const m of sorted) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, checksum(m.sql), new Date().toISOString());
    }).immediate();
    report.applied.push(`${String(m.version).padStart(4, '0')}_${m.name}`);
  }
  return report;
}
