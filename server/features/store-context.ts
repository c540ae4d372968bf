import type { Logger } from 'pino';
import { nodeSecrets, scryptPasswords, uuidIds } from '../adapters/crypto/node-crypto.ts';
import type { Db } from '../adapters/sqlite/database.ts';
import { sqliteTransactions } from '../adapters/sqlite/sqlite-transactions.ts';
import { LoginThrottle } from '../app/auth/login-throttle.ts';
import type { StoreContext } from '../app/store-context.ts';
import type { Clock } from '../runtime/clock.ts';
import type { Config } from '../runtime/config/config.schema.ts';
import { EventBus } from '../runtime/event-bus.ts';
import { VERSION } from '../version.ts';
import { createRepositories } from './shared-repositories.ts';

/**
 * What the feature modules receive: the use cases' context plus the SQLite connection the features build
 * their repositories on. Use cases get only the StoreContext part: storage through ports, transactions
 * through ctx.tx.
 */
export type BoxContext = StoreContext & { readonly db: Db };

/** The context every feature and use case receives: the shared repositories and the ports' implementations. */
export function createStoreContext(config: Config, db: Db, log: Logger, clock: Clock): BoxContext {
  const { auth } = config;
  return {
    config,
    db,
    repos: createRepositories(db),
    tx: sqliteTransactions(db),
    clock,
    ids: uuidIds,
    passwords: scryptPasswords,
    secrets: nodeSecrets,
    log,
    bus: new EventBus(log),
    loginThrottle: new LoginThrottle({
      perUser: auth.maxFailuresPerUser,
      perAddress: auth.maxFailuresPerAddress,
      windowMs: auth.failureWindowSeconds * 1000,
    }),
    version: VERSION,
  };
}
