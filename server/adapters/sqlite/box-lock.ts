import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StartupError } from './database.ts';
import { nativeBinding } from './native-binding.ts';

/**
 * One box per data directory. An exclusive SQLite lock on data/box.lock is held while the box
 * runs; the operating system releases it when the process dies (even on kill -9), so no stale
 * pid files. `restore` takes the same lock to prove the box is stopped.
 */
export class BoxLock {
  private db: Database.Database | undefined;
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'box.lock');
  }

  acquire(): void {
    const db = new Database(this.file, { nativeBinding: nativeBinding() as string | undefined });
    try {
      db.pragma('busy_timeout = 0');
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec(
        'CREATE TABLE IF NOT EXISTS lock(pid INTEGER); BEGIN EXCLUSIVE; DELETE FROM lock; INSERT INTO lock VALUES (' +
          process.pid +
          '); COMMIT;',
      );
    } catch (e) {
      db.close();
      const code = (e as { code?: string }).code;
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
        throw new StartupError(
          `another storebox is running on ${this.file.replace(/\/box\.lock$/, '')} (the data directory is locked)`,
        );
      throw e;
    }
    this.db = db;
  }

  release(): void {
    this.db?.close();
    this.db = undefined;
  }
}
