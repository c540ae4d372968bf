import type { Db } from './database.ts';

/**
 * The running box's context also carries its SQLite connection, for the adapters and the composition
 * root that build repositories on it. App code never reads it (the layer rule: app imports no
 * adapter, so it has no `Db` type to use it with; docs/architecture.md). Declared here, on the
 * adapter side, so app/store-context.ts names no adapter type; it goes once feature modules build
 * every repository (issue #10).
 */
declare module '../../app/store-context.ts' {
  interface StoreContext {
    readonly db: Db;
  }
}
