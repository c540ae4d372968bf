import type { Logger } from 'pino';
import type { Db } from '../adapters/sqlite/database.ts';
import type { AuditLogRepository } from '../adapters/sqlite/audit-log.repository.ts';
import type { LaneRepository } from '../adapters/sqlite/lane.repository.ts';
import type { SessionRepository } from '../adapters/sqlite/session.repository.ts';
import type { StaffRepository } from '../adapters/sqlite/staff.repository.ts';
import type { StoreRepository } from '../adapters/sqlite/store.repository.ts';
import type { ProductRepository } from '../adapters/sqlite/product.repository.ts';
import type { PromotionRepository } from '../adapters/sqlite/promotion.repository.ts';
import type { SaleRepository } from '../adapters/sqlite/sale.repository.ts';
import type { OutboxRepository } from '../adapters/sqlite/outbox.repository.ts';
import type { Config } from '../runtime/config/config.schema.ts';
import type { Clock } from '../runtime/clock.ts';
import type { EventBus } from '../runtime/event-bus.ts';
import type { LoginThrottle } from './auth/login-throttle.ts';
import type { Ids } from './ports/ids.port.ts';
import type { PasswordHasher } from './ports/password-hasher.port.ts';
import type { Secrets } from './ports/secrets.port.ts';
import type { Transactions } from './ports/transactions.port.ts';

export type Repositories = {
  store: StoreRepository;
  staff: StaffRepository;
  sessions: SessionRepository;
  lanes: LaneRepository;
  audit: AuditLogRepository;
  products: ProductRepository;
  promotions: PromotionRepository;
  sales: SaleRepository;
  outbox: OutboxRepository;
};

/** What every use case receives: the database, its repositories, the clock, config and the bus. */
export type StoreContext = {
  readonly config: Config;
  readonly db: Db;
  readonly repos: Repositories;
  /** the unit of work: use cases open transactions through this, never on `db` */
  readonly tx: Transactions;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly passwords: PasswordHasher;
  readonly secrets: Secrets;
  readonly log: Logger;
  readonly bus: EventBus;
  readonly loginThrottle: LoginThrottle;
  readonly version: string;
};
