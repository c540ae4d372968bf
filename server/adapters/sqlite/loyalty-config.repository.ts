import type { Db } from './database.ts';
import type { LoyaltyConfigStore } from '../../app/ports/loyalty-config-store.port.ts';

export type {};

/** The programme as one JSON document; parsed and checked by the app (app/loyalty/parse-loyalty-config.ts). */
export class LoyaltyConfigRepository implements LoyaltyConfigStore {
  private readonly getStmt;
  private readonly putStmt;
  constructor(db: Db) {
    this.getStmt = db.prepare('SELECT config FROM loyalty_config WHERE id = 1');
    this.putStmt = db.prepare(
      'INSERT INTO loyalty_config (id, config, updated_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at',
    );
  }

  get(): unknown {
    const row = this.getStmt.get() as { config: string } | undefined;
    return row ? JSON.parse(row.config) : undefined;
  }

  put(config: unknown, at: string): void {
    this.putStmt.run(JSON.stringify(config), at);
  }
}
