import type { Db } from './database.ts';

/**
 * The running box's context also carries its SQLite connection, for the composition root and the
 * adapters that still build repositories on it. Declared here, on the adapter side, so
 * app/store-context.ts names no adapter type. Use cases must not read it: they reach storage through
 * the ports in ctx.repos and open transactions with ctx.tx. It goes once feature modules build every
 * repository and no app file reads `ctx.db` (issue #10).
 */
declare module '../../app/store-context.ts' {
  interface StoreContext {
    readonly db: Db;
  }
}
