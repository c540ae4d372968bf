import type { Logger } from 'pino';
import type { Config } from '../runtime/config/config.schema.ts';
import type { Clock } from '../runtime/clock.ts';
import type { EventBus } from '../runtime/event-bus.ts';
import type { LoginThrottle } from './auth/login-throttle.ts';
import type { AuditLog } from './ports/audit-log.port.ts';
import type { Ids } from './ports/ids.port.ts';
import type { LaneStore } from './ports/lane-store.port.ts';
import type { Outbox } from './ports/outbox.port.ts';
import type { PasswordHasher } from './ports/password-hasher.port.ts';
import type { ProductStore } from './ports/product-store.port.ts';
import type { PromotionStore } from './ports/promotion-store.port.ts';
import type { SaleStore } from './ports/sale-store.port.ts';
import type { Secrets } from './ports/secrets.port.ts';
import type { SessionStore } from './ports/session-store.port.ts';
import type { StaffStore } from './ports/staff-store.port.ts';
import type { StoreInfoStore } from './ports/store-info.port.ts';
import type { Transactions } from './ports/transactions.port.ts';

/** The stores every use case may reach, as the ports the app owns (the SQLite repositories implement them). */
export type Repositories = {
  store: StoreInfoStore;
  staff: StaffStore;
  sessions: SessionStore;
  lanes: LaneStore;
  audit: AuditLog;
  products: ProductStore;
  promotions: PromotionStore;
  sales: SaleStore;
  outbox: Outbox;
};

/**
 * What every use case receives: its stores, the unit of work, the clock, ids, crypto, config and the
 * bus. No database handle: use cases reach storage only through ports. (The composition root's
 * context also carries the SQLite connection for the adapters: server/adapters/sqlite/box-context.ts.)
 */
export interface StoreContext {
  readonly config: Config;
  readonly repos: Repositories;
  /** the unit of work: use cases open transactions through this */
  readonly tx: Transactions;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly passwords: PasswordHasher;
  readonly secrets: Secrets;
  readonly log: Logger;
  readonly bus: EventBus;
  readonly loginThrottle: LoginThrottle;
  readonly version: string;
}
