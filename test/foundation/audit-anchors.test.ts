import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { auditVerifyCommand, backupCommand, type CommandIo } from '../../server/cli/commands.ts';
import type { Clock } from '../../server/runtime/clock.ts';
import { removeDir, startTestBox, TEST_ADMIN_PASSWORD, type TestBox } from '../support/test-box.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'storebox-anchor-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop()!);
});

function capture(): CommandIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(l) };
}

/** A box that wrote a few audit rows (logins) and was stopped: its stop anchored the chain. */
async function auditedBox(): Promise<TestBox> {
  const t = await startTestBox({}, tempDir());
  for (let i = 0; i < 3; i++) await t.login('admin', TEST_ADMIN_PASSWORD);
  return t;
}

/** What someone with the database file does: drop the guards and change the audit log. */
function tamper(dataDir: string, sql: string): void {
  const raw = new Database(join(dataDir, 'storebox.db'));
  raw.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  raw.exec('DROP TRIGGER IF EXISTS audit_anchor_no_update; DROP TRIGGER IF EXISTS audit_anchor_no_delete;');
  raw.exec(sql);
  raw.close();
}

/** Recomputes every hash after a rewrite, the way the chain itself does (audit-log.repository.ts). */
function rehashChain(dataDir: string): void {
  const raw = new Database(join(dataDir, 'storebox.db'));
  let prev = '0'.repeat(64);
  const rows = raw.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Array<Record<string, string | number>>;
  for (const r of rows) {
    const hash = createHash('sha256')
      .update(JSON.stringify([prev, r.seq, r.at, r.actor, r.action, r.subject, r.detail]))
      .digest('hex');
    raw.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, r.seq);
    prev = hash;
  }
  raw.close();
}

describe('audit chain anchors', () => {
  it('audit verify reports the last rows deleted after the box anchored the chain', async () => {
    const t = await auditedBox();
    await t.stop();
    const before = capture();
    expect(await auditVerifyCommand(t.config, before)).toBe(0);
    tamper(t.dataDir, 'DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 2 FROM audit_log)');
    const io = capture();
    expect(await auditVerifyCommand(t.config, io)).toBe(1);
    expect(io.lines.join('\n')).toMatch(
      /audit log broken at row \d+: the log has \d+ rows but the anchor of .* counted/,
    );
  });

  it('audit verify reports a row edited with every later hash recomputed', async () => {
    const t = await auditedBox();
    await t.stop();
    tamper(t.dataDir, "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2");
    rehashChain(t.dataDir);
    const io = capture();
    expect(await auditVerifyCommand(t.config, io)).toBe(1);
    expect(io.lines.join('\n')).toMatch(/audit log broken at row \d+: row \d+ differs from the anchor of/);
  });

  it('every backup carries an anchor, so verify --anchor catches a truncation whose anchors were wiped too', async () => {
    const t = await auditedBox();
    const backup = join(tempDir(), 'backup.db');
    const b = capture();
    expect(await backupCommand(t.config, backup, b)).toBe(0);
    const sidecar = JSON.parse(readFileSync(`${backup}.anchor.json`, 'utf8'));
    expect(sidecar.count).toBeGreaterThanOrEqual(3);
    expect(sidecar.headHash).toMatch(/^[0-9a-f]{64}$/);
    const copy = new Database(backup, { readonly: true });
    expect(copy.prepare("SELECT count, head_hash AS headHash FROM audit_anchor WHERE source = 'backup'").get()).toEqual(
      { count: sidecar.count, headHash: sidecar.headHash },
    );
    copy.close();
    await t.stop();
    // the intruder removes the last row and every anchor the database holds
    tamper(
      t.dataDir,
      "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log); DELETE FROM audit_anchor; DELETE FROM outbox WHERE topic = 'audit.anchor';",
    );
    expect(await auditVerifyCommand(t.config, capture())).toBe(0);
    for (const anchorFile of [`${backup}.anchor.json`, backup]) {
      const io = capture();
      expect(await auditVerifyCommand(t.config, io, [anchorFile])).toBe(1);
      expect(io.lines.join('\n')).toMatch(/the anchor of .* counted/);
    }
  });

  it('sends an anchor to HQ through the outbox at least hourly by the box clock', async () => {
    let now = Date.parse('2026-12-01T08:00:00.000Z');
    const clock: Clock = { now: () => new Date(now) };
    const t = await startTestBox({}, tempDir(), clock);
    try {
      const anchors = () =>
        t.box.ctx.db
          .prepare("SELECT payload FROM outbox WHERE topic = 'audit.anchor' ORDER BY seq")
          .pluck()
          .all()
          .map((p) => JSON.parse(p as string));
      const atStart = anchors().length;
      expect(atStart).toBe(1);
      await t.login('admin', TEST_ADMIN_PASSWORD);
      now += 59 * 60_000;
      t.box.auditAnchoring.tick();
      expect(anchors().length).toBe(atStart);
      now += 2 * 60_000;
      t.box.auditAnchoring.tick();
      const all = anchors();
      expect(all.length).toBe(atStart + 1);
      expect(all.at(-1)).toEqual({ ...t.box.ctx.repos.audit.head('2026-12-01T09:01:00.000Z') });
    } finally {
      await t.stop();
    }
  });
});
