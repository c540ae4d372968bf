import { mkdirSync, accessSync, constants, statSync, openSync, readSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { nativeBinding } from './native-binding.ts';

export type Db = Database.Database;

/** A start-up failure with a one-line message for the installer (no stack trace). */
export class StartupError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

export const DATABASE_FILE = 'storebox.db';
const SQLITE_HEADER = 'SQLite format 3\0';

/** Makes sure the data directory exists and is writable; a clear message otherwise. */
export function prepareDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK | constants.R_OK);
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new StartupError(
      `data directory ${dir} is not usable (${code}): create it and give the storebox user write permission`,
      73,
    );
  }
}

/**
 * Opens the box database with the durability settings the design requires, checked, not assumed:
 * WAL, synchronous=FULL (better-sqlite3 leaves NORMAL in WAL, which can lose a committed sale on
 * power loss), foreign keys on, busy timeout.
 */
export function openDatabase(file: string, { readonly = false } = {}): Db {
  assertSqliteFile(file);
  let db: Db;
  try {
    db = new Database(file, {
      readonly,
      fileMustExist: readonly,
      nativeBinding: nativeBinding() as string | undefined,
    });
  } catch (e) {
    throw new StartupError(`cannot open database ${file}: ${(e as Error).message}`);
  }
  return checkedSettings(db, file, { wal: !readonly });
}

/**
 * A database in memory with the box's settings except WAL (SQLite keeps an in-memory database's journal in
 * memory): synchronous=FULL, foreign keys on, busy timeout. Only for the route-level test tier
 * (test/support/inject-box.ts); the box itself always opens its file with openDatabase.
 */
export function openMemoryDatabase(): Db {
  return checkedSettings(
    new Database(':memory:', { nativeBinding: nativeBinding() as string | undefined }),
    ':memory:',
    {
      wal: false,
    },
  );
}

/** Applies and checks the durability settings; closes the connection and throws a StartupError if one does not hold. */
function checkedSettings(db: Db, file: string, { wal }: { wal: boolean }): Db {
  try {
    db.pragma('busy_timeout = 5000');
    if (wal) {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new StartupError(`database ${file}: journal_mode is ${String(mode)}, WAL is required`);
    }
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const sync = db.pragma('synchronous', { simple: true });
    const fk = db.pragma('foreign_keys', { simple: true });
    if (sync !== 2) throw new StartupError(`database ${file}: synchronous is ${String(sync)}, FULL (2) is required`);
    if (fk !== 1) throw new StartupError(`database ${file}: foreign keys could not be enabled`);
  } catch (e) {
    db.close();
    if (e instanceof StartupError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
      throw new StartupError(`database ${file} is locked by another process`);
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
      throw new StartupError(`${file} is not a SQLite database (or is corrupt)`);
    throw new StartupError(`cannot open database ${file}: ${(e as Error).message}`);
  }
  return db;
}

/** Refuse early, with a clear message, a file that exists but is not SQLite. */
function assertSqliteFile(file: string): void {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return; // absent: SQLite creates it
  }
  try {
    const header = Buffer.alloc(16);
    const n = readSync(fd, header, 0, 16, 0);
    if (n > 0 && header.toString('latin1', 0, n) !== SQLITE_HEADER.slice(0, n))
      throw new StartupError(`${file} is not a SQLite database`);
  } finally {
    closeSync(fd);
  }
}

/** Runs `fn` inside one IMMEDIATE transaction (write lock taken up front, so no upgrade deadlock). */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}

/** Carries a refusal out of better-sqlite3's transaction function, which commits whenever the function returns. */
class RefusalRollback<R> extends Error {
  readonly result: R;
  constructor(result: R) {
    super('refused: rolled back');
    this.result = result;
  }
}

/**
 * Runs a use case returning a Result inside one IMMEDIATE transaction that commits only when the
 * result is ok: a refusal (`{ok: false}`) rolls back whatever `fn` wrote before it decided (an
 * account opened, a counter reserved), so a refused write never leaves a half-written record.
 * Use this, not `db.transaction(fn)`, whenever `fn` may return an error.
 */
export function inResultTransaction<R extends { readonly ok: boolean }>(db: Db, fn: () => R): R {
  try {
    return db
      .transaction(() => {
        const r = fn();
        if (!r.ok) throw new RefusalRollback(r);
        return r;
      })
      .immediate();
  } catch (e) {
    if (e instanceof RefusalRollback) return e.result as R;
    throw e;
  }
}

export function databasePath(dataDir: string): string {
  return join(dataDir, DATABASE_FILE);
}

/** Integrity check: 'ok' or the first problem SQLite reports. */
export function integrityCheck(db: Db): string {
  const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  return rows.map((r) => r.integrity_check).join('; ');
}
