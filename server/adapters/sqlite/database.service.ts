import type { Service } from '../../runtime/service.ts';
import type { BoxLock } from './box-lock.ts';
import type { Db } from './database.ts';

/** The database as a service: opened and migrated before anything else, checkpointed and closed last. */
export class DatabaseService implements Service {
  readonly name = 'database';
  private readonly db: Db;
  private readonly lock: BoxLock;
  constructor(db: Db, lock: BoxLock) {
    this.db = db;
    this.lock = lock;
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {
    if (!this.db.open) return;
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
    this.lock.release();
  }
}
