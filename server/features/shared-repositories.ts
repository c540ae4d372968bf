import { AuditLogRepository } from '../adapters/sqlite/audit-log.repository.ts';
import type { Db } from '../adapters/sqlite/database.ts';
import { LaneRepository } from '../adapters/sqlite/lane.repository.ts';
import { OutboxRepository } from '../adapters/sqlite/outbox.repository.ts';
import { ProductRepository } from '../adapters/sqlite/product.repository.ts';
import { PromotionRepository } from '../adapters/sqlite/promotion.repository.ts';
import { SaleRepository } from '../adapters/sqlite/sale.repository.ts';
import { SessionRepository } from '../adapters/sqlite/session.repository.ts';
import { StaffRepository } from '../adapters/sqlite/staff.repository.ts';
import { StoreRepository } from '../adapters/sqlite/store.repository.ts';
import type { Repositories } from '../app/store-context.ts';

/**
 * The repositories on the store context (`ctx.repos`): only those several features read — the store, staff,
 * sessions and audit log (every feature), the outbox (every feature that tells HQ), lanes (staff, shifts,
 * devices, checkout), sales (checkout, returns, members, devices), products (catalog, uplink, first start)
 * and promotions (pricing, uplink, first start). A repository one feature uses is built in its module.
 */
export function createRepositories(db: Db): Repositories {
  return {
    store: new StoreRepository(db),
    staff: new StaffRepository(db),
    sessions: new SessionRepository(db),
    lanes: new LaneRepository(db),
    audit: new AuditLogRepository(db),
    products: new ProductRepository(db),
    promotions: new PromotionRepository(db),
    sales: new SaleRepository(db),
    outbox: new OutboxRepository(db),
  };
}
