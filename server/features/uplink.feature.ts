import type { Metrics } from '../adapters/http/metrics.ts';
import { uplinkStatusRoutes } from '../adapters/uplink/uplink-status.routes.ts';
import { registerUplinkMetrics } from '../adapters/uplink/uplink.metrics.ts';
import { UplinkService } from '../adapters/uplink/uplink-service.ts';
import type { BoxContext } from './store-context.ts';
import type { CatalogFeature } from './catalog.feature.ts';
import type { Feature } from './feature.ts';
import type { PricingFeature } from './pricing.feature.ts';

/**
 * The HQ uplink (docs/uplink.md): the outbox forwarded to HQ's broker, HQ's pushes of catalog and promotions
 * applied (the lookup and the engine reload), its status route and metrics.
 */
export function uplinkFeature(
  ctx: BoxContext,
  deps: { catalog: CatalogFeature; pricing: PricingFeature; metrics: Metrics },
): Feature & { uplink: UplinkService } {
  const { catalog } = deps.catalog;
  const { pricing } = deps.pricing;
  const uplink = new UplinkService({
    config: ctx.config.uplink,
    storeId: ctx.repos.store.get()!.id,
    db: ctx.db,
    repos: ctx.repos,
    clock: ctx.clock,
    log: ctx.log,
    catalogChanged: () => catalog.refresh(),
    promotionsChanged: () => pricing.invalidate(),
  });
  registerUplinkMetrics(deps.metrics.registry, () => uplink.status());
  return { name: 'uplink', uplink, services: [uplink], routes: [uplinkStatusRoutes(() => uplink.status())] };
}
