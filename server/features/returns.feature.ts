import { returnsRoutes } from '../adapters/http/routes/returns.routes.ts';
import { salesRoutes } from '../adapters/http/routes/sales.routes.ts';
import { RefundRepository } from '../adapters/sqlite/refund.repository.ts';
import { ReturnService } from '../app/returns/return-service.ts';
import type { BoxContext } from './store-context.ts';
import type { Feature, Wiring } from './feature.ts';
import type { PaymentsFeature } from './payments.feature.ts';

/**
 * Returns and exchanges (docs/returns.md) and the sales they look up. The refund effects are every feature's
 * (loyalty's: points clawback and restore, coupons, stored value, member spend), collected in the wiring.
 */
export function returnsFeature(
  ctx: BoxContext,
  deps: { payments: PaymentsFeature; wiring: Wiring },
): Feature & { returns: ReturnService } {
  const { paymentRepo, channels } = deps.payments;
  const refundRepo = new RefundRepository(ctx.db);
  const returns = new ReturnService({
    ctx,
    refunds: refundRepo,
    payments: paymentRepo,
    channels,
    effects: deps.wiring.refundEffects,
    retryMs: ctx.config.payments.recoveryIntervalSeconds * 1000,
  });
  return {
    name: 'returns',
    returns,
    services: [returns],
    routes: [returnsRoutes(returns), salesRoutes(ctx, returns, refundRepo, paymentRepo)],
  };
}
