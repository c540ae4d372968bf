import { laneWebSocketRoutes } from '../adapters/http/routes/lane-ws.routes.ts';
import { ParkedCartRepository } from '../adapters/sqlite/parked-cart.repository.ts';
import { LaneService } from '../app/checkout/lane-service.ts';
import type { BoxContext } from './store-context.ts';
import type { CatalogFeature } from './catalog.feature.ts';
import type { DevicesFeature } from './devices/devices.feature.ts';
import type { Feature, Wiring } from './feature.ts';
import type { LoyaltyFeature } from './loyalty/loyalty.feature.ts';
import type { PaymentsFeature } from './payments.feature.ts';
import type { PricingFeature } from './pricing.feature.ts';

/**
 * Checkout (docs/lane-protocol.md): the lanes' WebSocket and the LaneService behind it — carts, scans, tenders,
 * parked carts and completing the sale with every feature's sale effects (collected in the wiring) in its
 * transaction. A settled QR payment reaches the lane that asked for it.
 */
export function checkoutFeature(
  ctx: BoxContext,
  deps: {
    catalog: CatalogFeature;
    pricing: PricingFeature;
    loyalty: LoyaltyFeature;
    devices: DevicesFeature;
    payments: PaymentsFeature;
    wiring: Wiring;
  },
): Feature & { lanes: LaneService } {
  const { loyalty, payments, wiring } = deps;
  const { catalog } = deps.catalog;
  const { pricing } = deps.pricing;
  const { devices } = deps.devices;
  const lanes = new LaneService({
    scaleWeight: (laneId) => devices.hub.stableWeight(laneId),
    ctx,
    catalog,
    pricing,
    stores: { sales: ctx.repos.sales, outbox: ctx.repos.outbox, effects: wiring.saleEffects },
    parked: new ParkedCartRepository(ctx.db),
    payments: payments.payments,
    members: loyalty.members,
    coupons: loyalty.coupons,
  });
  payments.payments.onSettled((p) => lanes.paymentSettled(p));
  return { name: 'checkout', lanes, routes: [laneWebSocketRoutes(ctx, lanes)] };
}
