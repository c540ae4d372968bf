import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { AuditAnchorRepository, parseAnchor } from '../adapters/sqlite/audit-anchor.repository.ts';
import { AuditLogRepository, type AuditAnchor } from '../adapters/sqlite/audit-log.repository.ts';
import { BoxLock } from '../adapters/sqlite/box-lock.ts';
import {
  databasePath,
  integrityCheck,
  openDatabase,
  prepareDataDir,
  StartupError,
} from '../adapters/sqlite/database.ts';
import { systemClock, type Clock } from '../runtime/clock.ts';
import type { Config } from '../runtime/config/config.schema.ts';
import { createLogger } from '../runtime/logger.ts';
import { startBox } from '../main.ts';

export type CommandIo = { out: (line: string) => void; err: (line: string) => void };

/** How often `--exit-with-parent` looks whether the process that started the box is still there. */
const PARENT_POLL_MS = 500;

/**
 * `storebox` / `storebox start`: runs the box until SIGTERM/SIGINT, then stops within the shutdown timeout.
 * With `exitWithParent` (`npm start` passes `--exit-with-parent`) it also stops, the same graceful way,
 * once the process that started it is gone (re-parented: npm killed outright, or a wrapper that did not
 * pass a signal on), so the box is never left behind as an orphan holding its ports and data directory.
 */
export async function startCommand(
  config: Config,
  io: CommandIo,
  options: { exitWithParent?: boolean } = {},
): Promise<number> {
  const log: Logger = createLogger(config);
  const box = await startBox(config, log);
  if (box.generatedAdminPassword) {
    io.out(
      `首次启动：管理员账号 admin 的初始密码 / first start: initial password of user admin: ${box.generatedAdminPassword}`,
    );
    io.out('请登录后立即修改 / change it after logging in; it is not shown again');
  }
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'stopping');
      const force = setTimeout(() => {
        log.error('graceful stop took too long; exiting');
        resolve(1);
      }, config.shutdownTimeoutMs);
      force.unref();
      box.stop().then(
        () => {
          clearTimeout(force);
          log.info('stopped');
          log.flush?.();
          resolve(0);
        },
        (e) => {
          log.error({ err: e }, 'stop failed');
          resolve(1);
        },
      );
    };
    // `on`, not `once`: Ctrl-C under npm delivers SIGINT twice (the terminal's to the group, npm's
    // forwarded copy); a second signal must not kill the box in the middle of its graceful stop
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
    if (options.exitWithParent) {
      const parent = process.ppid;
      const watch = setInterval(() => {
        if (process.ppid === parent) return;
        clearInterval(watch);
        log.warn({ parent }, 'the process that started the box is gone');
        stop('parent-exited');
      }, PARENT_POLL_MS);
      watch.unref();
    }
  });
}

/** The sidecar file next to a backup that holds its audit anchor (docs/audit.md). */
export const anchorSidecar = (backupFile: string) => `${backupFile}.anchor.json`;

/**
 * `storebox backup FILE`: an online, consistent copy (SQLite backup API), checked with integrity_check.
 * The copy's audit chain is anchored in the copy (audit_anchor, source backup) and in the sidecar
 * `FILE.anchor.json`, so `audit verify --anchor` can later prove the live log still holds those rows.
 */
export async function backupCommand(
  config: Config,
  file: string,
  io: CommandIo,
  clock: Clock = systemClock,
): Promise<number> {
  const source = databasePath(config.dataDir);
  if (!existsSync(source)) throw new StartupError(`no database at ${source}`);
  if (existsSync(file)) throw new StartupError(`${file} already exists; choose a new file name`);
  const db = openDatabase(source, { readonly: true });
  try {
    await db.backup(file);
  } finally {
    db.close();
  }
  const copy = openDatabase(file);
  let anchor: AuditAnchor;
  let check: string;
  try {
    anchor = new AuditLogRepository(copy).head(clock.now().toISOString());
    new AuditAnchorRepository(copy).record(anchor, 'backup');
    copy.pragma('wal_checkpoint(TRUNCATE)');
    check = integrityCheck(copy);
  } finally {
    copy.close();
  }
  // the copy is one file again: its WAL was checkpointed into it before closing
  for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
  if (check !== 'ok') throw new StartupError(`backup ${file} failed its integrity check: ${check}`);
  writeFileSync(anchorSidecar(file), JSON.stringify(anchor) + '\n');
  io.out(`backup written to ${file} (integrity ok; audit anchor ${anchor.count} rows in ${anchorSidecar(file)})`);
  return 0;
}

/** `storebox restore FILE`: replaces the database with a checked backup; the box must be stopped. */
export async function restoreCommand(config: Config, file: string, io: CommandIo): Promise<number> {
  if (!existsSync(file)) throw new StartupError(`${file} does not exist`);
  const candidate = openDatabase(file, { readonly: true });
  const check = integrityCheck(candidate);
  const hasStore =
    candidate.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store'").get() !== undefined;
  candidate.close();
  if (check !== 'ok') throw new StartupError(`${file} failed its integrity check: ${check}`);
  if (!hasStore) throw new StartupError(`${file} is not a storebox database`);
  prepareDataDir(config.dataDir);
  const lock = new BoxLock(config.dataDir);
  lock.acquire(); // refuses while the box runs
  try {
    const target = databasePath(config.dataDir);
    const staging = `${target}.restoring`;
    copyFileSync(file, staging);
    for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
    renameSync(staging, target);
  } finally {
    lock.release();
  }
  io.out(`restored ${file} into ${config.dataDir}; start the box to apply any newer migrations`);
  return 0;
}

/** The anchor of an `--anchor FILE`: a backup's sidecar (JSON) or a backup database (its audit_anchor rows). */
function anchorsFromFile(file: string): AuditAnchor[] {
  if (!existsSync(file)) throw new StartupError(`${file} does not exist`);
  const head = readFileSync(file).subarray(0, 16).toString('latin1');
  if (head.startsWith('SQLite format 3')) {
    const db = openDatabase(file, { readonly: true });
    try {
      return new AuditAnchorRepository(db).all();
    } finally {
      db.close();
    }
  }
  const anchor = parseAnchor(readFileSync(file, 'utf8'));
  if (!anchor) throw new StartupError(`${file} is neither an audit anchor (JSON) nor a storebox backup`);
  return [anchor];
}

/**
 * `storebox audit verify [--anchor FILE]…`: walks the hash chain and checks it against every anchor
 * the database holds (audit_anchor, the outbox's `audit.anchor` rows) and each `--anchor` file (a
 * backup or its sidecar); exit 1 and the first bad row when it is broken.
 */
export async function auditVerifyCommand(
  config: Config,
  io: CommandIo,
  anchorFiles: readonly string[] = [],
): Promise<number> {
  const external = anchorFiles.flatMap((f) => anchorsFromFile(f));
  const db = openDatabase(databasePath(config.dataDir), { readonly: true });
  try {
    const anchors = [...new AuditAnchorRepository(db).all(), ...external];
    const verdict = new AuditLogRepository(db).verify(anchors);
    if (verdict.ok) {
      io.out(`audit log intact: ${verdict.rows} rows (${anchors.length} anchors agree)`);
      return 0;
    }
    io.err(`audit log broken at row ${verdict.firstBadSeq}: ${verdict.reason}`);
    return 1;
  } finally {
    db.close();
  }
}
