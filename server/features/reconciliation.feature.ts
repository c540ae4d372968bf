import { reconciliationRoutes } from '../adapters/http/routes/reconciliation.routes.ts';
import { statementsRoutes } from '../adapters/http/routes/statements.routes.ts';
import { WorkerJobRunner } from '../adapters/workers/worker-job-runner.ts';
import { OrphanRefunds } from '../app/payments/orphan-refunds.ts';
import { ReconciliationTenderRepository } from '../adapters/sqlite/reconciliation-tender.repository.ts';
import { ReconciliationRepository } from '../adapters/sqlite/reconciliation.repository.ts';
import { StatementImportRepository } from '../adapters/sqlite/statement-import.repository.ts';
import { ReconciliationService } from '../app/reconciliation/reconciliation-service.ts';
import type { BoxContext } from './store-context.ts';
import type { Feature } from './feature.ts';
import type { PaymentsFeature } from './payments.feature.ts';

/**
 * Reconciliation (docs/reconciliation.md): statement imports and matching run on a worker thread, off the
 * lanes' event loop; a refund_orphan resolution gives an orphan QR payment's money back through its channel.
 */
export function reconciliationFeature(
  ctx: BoxContext,
  deps: { payments: PaymentsFeature },
): Feature & { reconciliation: ReconciliationService } {
  const orphanRefunds = new OrphanRefunds(ctx, deps.payments.paymentRepo, deps.payments.channels);
  const reconciliation = new ReconciliationService({
    ctx,
    jobs: new WorkerJobRunner(ctx.log.child({ svc: 'reconciliation' })),
    refundOrphan: orphanRefunds.refund,
    stores: {
      imports: new StatementImportRepository(ctx.db),
      runs: new ReconciliationRepository(ctx.db),
      tenders: new ReconciliationTenderRepository(ctx.db),
    },
  });
  return {
    name: 'reconciliation',
    reconciliation,
    services: [reconciliation],
    routes: [statementsRoutes(ctx, reconciliation), reconciliationRoutes(reconciliation)],
  };
}
