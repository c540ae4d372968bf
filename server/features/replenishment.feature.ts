import { replenishmentRoutes } from '../adapters/http/routes/replenishment.routes.ts';
import { ReplenishmentRepository } from '../adapters/sqlite/replenishment.repository.ts';
import { WorkerJobRunner } from '../adapters/workers/worker-job-runner.ts';
import { replenishmentSaleEffect } from '../app/inventory/replenishment-sale-effect.ts';
import { ReplenishmentService } from '../app/inventory/replenishment-service.ts';
import type { Feature } from './feature.ts';
import type { BoxContext } from './store-context.ts';

/**
 * Replenishment suggestions (docs/replenishment.md): the forecast and its export run on a worker thread
 * at nice 10, off the lanes' event loop; the latest run and the supply terms are read here; each sale adds
 * its lines to the daily roll-up the forecast reads.
 */
export function replenishmentFeature(ctx: BoxContext): Feature & { replenishment: ReplenishmentService } {
  const store = new ReplenishmentRepository(ctx.db);
  const replenishment = new ReplenishmentService({
    ctx,
    jobs: new WorkerJobRunner(ctx.log.child({ svc: 'replenishment' })),
    store,
  });
  return {
    name: 'replenishment',
    replenishment,
    services: [replenishment],
    routes: [replenishmentRoutes(replenishment)],
    saleEffects: [replenishmentSaleEffect(store)],
  };
}
