import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, openMemoryDatabase, StartupError } from '../../server/adapters/sqlite/database.ts';
import { migrate, type Migration } from '../../server/adapters/sqlite/migrator.ts';
import { readMigrationsDir } from '../../server/adapters/sqlite/migration-files.ts';
import { AuditLogRepository } from '../../server/adapters/sqlite/audit-log.repository.ts';
import { REPO_ROOT, runCommand } from '../support/box-process.ts';
import { removeDir, startTestBox } from '../support/test-box.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'storebox-db-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop()!);
});

describe('database settings', () => {
  it('opens in WAL with synchronous=FULL and foreign keys on', () => {
    const db = openDatabase(join(tempDir(), 'x.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
  it("the route tier's in-memory database keeps synchronous=FULL and foreign keys, only the journal is in memory", () => {
    const db = openMemoryDatabase();
    expect(db.pragma('journal_mode', { simple: true })).toBe('memory');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});

describe('migrations', () => {
  const real = readMigrationsDir(join(REPO_ROOT, 'migrations'));

  it('applies every file once and re-runs as a no-op', () => {
    const db = openDatabase(join(tempDir(), 'm.db'));
    const first = migrate(db, real);
    expect(first.applied.length).toBe(real.length);
    const again = migrate(db, real);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBe(real.length);
    db.close();
  });

  it('refuses to start when an applied migration changed', () => {
    const db = openDatabase(join(tempDir(), 't.db'));
    migrate(db, real);
    const tampered: Migration[] = real.map((m, i) => (i === 0 ? { ...m, sql: m.sql + '\n-- edited later\n' } : m));
    expect(() => migrate(db, tampered)).toThrow(StartupError);
    expect(() => migrate(db, tampered)).toThrow(/0001_init\.sql has changed since it was applied/);
    db.close();
  });

  it('rolls back a failing migration whole, recording nothing', () => {
    const db = openDatabase(join(tempDir(), 'f.db'));
    const broken: Migration[] = [
      { version: 1, name: 'half', sql: 'CREATE TABLE a(x INTEGER); INSERT INTO nowhere VALUES (1);' },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'a'").get()).toBeUndefined();
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('audit log', () => {
  it('verifies an intact chain and names the first edited row', () => {
    const db = openDatabase(join(tempDir(), 'a.db'));
    migrate(db, real());
    const audit = new AuditLogRepository(db);
    for (let i = 0; i < 5; i++)
      audit.append({
        at: `2026-11-23T10:0${i}:00Z`,
        actor: 'manager1',
        action: 'price.override',
        subject: `line-${i}`,
        detail: { fen: i * 100 },
      });
    expect(audit.verify()).toEqual({ ok: true, rows: 5 });
    expect(() => db.prepare('UPDATE audit_log SET actor = ? WHERE seq = 3').run('intruder')).toThrow(/append-only/);
    // someone with file access drops the guard and edits row 3
    db.exec('DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = \'{"fen":1}\' WHERE seq = 3');
    expect(audit.verify()).toMatchObject({ ok: false, firstBadSeq: 3 });
    db.close();
  });

  it('detects a removed row', () => {
    const db = openDatabase(join(tempDir(), 'r.db'));
    migrate(db, real());
    const audit = new AuditLogRepository(db);
    for (let i = 0; i < 4; i++) audit.append({ at: 't', actor: 'a', action: 'x' });
    db.exec('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2');
    expect(audit.verify()).toMatchObject({ ok: false, firstBadSeq: 2 });
    db.close();
  });

  function real() {
    return readMigrationsDir(join(REPO_ROOT, 'migrations'));
  }
});

describe('storebox audit verify, backup and restore (CLI)', () => {
  it('backs up online, restores with the box stopped, and audit verify reports tampering', async () => {
    const dataDir = tempDir();
    const t = await startTestBox({}, dataDir);
    await t.login('admin', 'admin-test-pass');
    const backup = join(tempDir(), 'backup.db');
    // online backup while the box runs
    const b = await runCommand(['backup', backup], { STOREBOX_DATA_DIR: dataDir });
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    expect(b.stdout).toContain('integrity ok');
    // restore refuses while the box runs
    const busy = await runCommand(['restore', backup], { STOREBOX_DATA_DIR: dataDir });
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/another storebox is running/);
    await t.stop();

    const ok = await runCommand(['audit', 'verify'], { STOREBOX_DATA_DIR: dataDir });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/audit log intact: \d+ rows/);

    const raw = new Database(join(dataDir, 'storebox.db'));
    raw.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2");
    raw.close();
    const bad = await runCommand(['audit', 'verify'], { STOREBOX_DATA_DIR: dataDir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/audit log broken at row 2: row 2 was edited/);

    const restored = await runCommand(['restore', backup], { STOREBOX_DATA_DIR: dataDir });
    expect(restored.code).toBe(0);
    const after = await runCommand(['audit', 'verify'], { STOREBOX_DATA_DIR: dataDir });
    expect(after.code).toBe(0);

    const notDb = join(tempDir(), 'junk.db');
    (await import('node:fs')).writeFileSync(notDb, 'junk'.repeat(100));
    const junk = await runCommand(['restore', notDb], { STOREBOX_DATA_DIR: dataDir });
    expect(junk.code).toBe(1);
    expect(junk.stderr).toMatch(/not a SQLite database/);
  }, 120_000); // seven CLI processes, each a cold Node start: seconds apiece on a loaded 2-core machine
});
