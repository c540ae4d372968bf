import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand, spawnBox } from '../support/box-process.ts';
import { removeDir } from '../support/test-box.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'storebox-life-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop()!);
});

describe('process lifecycle', () => {
  it('stops cleanly on SIGTERM within 10 s with the WAL checkpointed', async () => {
    const dataDir = tempDir();
    const box = await spawnBox({ STOREBOX_DATA_DIR: dataDir });
    const ready = await fetch(`http://127.0.0.1:${box.httpPort}/readyz`);
    expect(ready.status).toBe(200);
    // a write so the WAL has content
    const login = await fetch(`http://127.0.0.1:${box.httpPort}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'admin-test-pass' }),
    });
    expect(login.status).toBe(200);
    const started = Date.now();
    box.child.kill('SIGTERM');
    const code = await box.exited;
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(box.output()).toContain('"stopped"');
    const wal = join(dataDir, 'storebox.db-wal');
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
    const db = new Database(join(dataDir, 'storebox.db'), { readonly: true });
    expect(
      (db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'auth.login'").get() as { n: number }).n,
    ).toBe(1);
    db.close();
  });

  it('refuses a second box on the same data directory', async () => {
    const dataDir = tempDir();
    const first = await spawnBox({ STOREBOX_DATA_DIR: dataDir });
    const second = await runCommand([], {
      STOREBOX_DATA_DIR: dataDir,
      STOREBOX_HTTP_PORT: '0',
      STOREBOX_MQTT_PORT: '0',
      STOREBOX_MDNS: 'false',
    });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/another storebox is running/);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  });

  it('prints the first admin password once when none is configured', async () => {
    const dataDir = tempDir();
    const box = await spawnBox({ STOREBOX_DATA_DIR: dataDir, STOREBOX_ADMIN_PASSWORD: '' });
    expect(box.output()).toMatch(/initial password of user admin: \S{16}/);
    box.child.kill('SIGTERM');
    await box.exited;
  });
});

describe('start-up errors: one line, non-zero exit', () => {
  it('names the config key and exits 78', async () => {
    const r = await runCommand([], { STOREBOX_DATA_DIR: tempDir(), STOREBOX_HTTP_PORT: '70000' });
    expect(r.code).toBe(78);
    expect(r.stderr.trim()).toBe(
      'config: http.port: expected integer in 0..65535, got 70000 (from STOREBOX_HTTP_PORT)',
    );
    const file = join(tempDir(), 'config.json');
    writeFileSync(file, JSON.stringify({ http: { prot: 1 } }));
    const r2 = await runCommand(['--config', file], {});
    expect(r2.code).toBe(78);
    expect(r2.stderr).toContain('config: http.prot: unknown key');
  });

  it('refuses a database file that is not SQLite', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'storebox.db'), 'this is a spreadsheet, not a database\n'.repeat(10));
    const r = await runCommand([], {
      STOREBOX_DATA_DIR: dataDir,
      STOREBOX_HTTP_PORT: '0',
      STOREBOX_MQTT_PORT: '0',
      STOREBOX_MDNS: 'false',
    });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^storebox: .*storebox\.db is not a SQLite database$/);
  });

  it('refuses a database locked by another process', async () => {
    const dataDir = tempDir();
    const holder = new Database(join(dataDir, 'storebox.db'));
    holder.exec('CREATE TABLE t(x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);');
    try {
      const r = await runCommand([], {
        STOREBOX_DATA_DIR: dataDir,
        STOREBOX_HTTP_PORT: '0',
        STOREBOX_MQTT_PORT: '0',
        STOREBOX_MDNS: 'false',
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/locked by another process/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('reports a port already in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await runCommand([], {
        STOREBOX_DATA_DIR: tempDir(),
        STOREBOX_HTTP_PORT: String(port),
        STOREBOX_MQTT_PORT: '0',
        STOREBOX_MDNS: 'false',
        STOREBOX_LOG_LEVEL: 'silent',
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`HTTP port 127.0.0.1:${port} is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('reports a data directory that cannot be created', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    const r = await runCommand([], { STOREBOX_DATA_DIR: join(file, 'data') });
    expect(r.code).toBe(73);
    expect(r.stderr).toMatch(/data directory .* is not usable \(ENOTDIR\)/);
  });
});
