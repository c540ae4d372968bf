import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import type { Logger } from 'pino';
import { AuditLogRepository } from '../adapters/sqlite/audit-log.repository.ts';
import { BoxLock } from '../adapters/sqlite/box-lock.ts';
import {
  databasePath,
  integrityCheck,
  openDatabase,
  prepareDataDir,
  StartupError,
} from '../adapters/sqlite/database.ts';
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

/** `storebox backup FILE`: an online, consistent copy (SQLite backup API), checked with integrity_check. */
export async function backupCommand(config: Config, file: string, io: CommandIo): Promise<number> {
  const source = databasePath(config.dataDir);
  if (!existsSync(source)) throw new StartupError(`no database at ${source}`);
  if (existsSync(file)) throw new StartupError(`${file} already exists; choose a new file name`);
  const db = openDatabase(source, { readonly: true });
  try {
    await db.backup(file);
  } finally {
    db.close();
  }
  const copy = openDatabase(file, { readonly: true });
  const check = integrityCheck(copy);
  copy.close();
  if (check !== 'ok') throw new StartupError(`backup ${file} failed its integrity check: ${check}`);
  io.out(`backup written to ${file} (integrity ok)`);
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

/** `storebox audit verify`: walks the hash chain; exit 1 and the first bad row when it is broken. */
export async function auditVerifyCommand(config: Config, io: CommandIo): Promise<number> {
  const db = openDatabase(databasePath(config.dataDir), { readonly: true });
  try {
    const verdict = new AuditLogRepository(db).verify();
    if (verdict.ok) {
      io.out(`audit log intact: ${verdict.rows} rows`);
      return 0;
    }
    io.err(`audit log broken at row ${verdict.firstBadSeq}: ${verdict.reason}`);
    return 1;
  } finally {
    db.close();
  }
}
