import { pricingRoutes } from '../adapters/http/routes/pricing.routes.ts';
import { promotionsRoutes } from '../adapters/http/routes/promotions.routes.ts';
import { PricingService } from '../app/pricing/pricing-service.ts';
import type { BoxContext } from './store-context.ts';
import type { CatalogFeature } from './catalog.feature.ts';
import type { Feature } from './feature.ts';
import type { LoyaltyFeature } from './loyalty/loyalty.feature.ts';

export type PricingFeature = Feature & { readonly pricing: PricingService };

/** Pricing and promotions (docs/pricing.md): the engine's promotions, their admin routes and the quote endpoint. */
export function pricingFeature(
  ctx: BoxContext,
  deps: { catalog: CatalogFeature; loyalty: LoyaltyFeature },
): PricingFeature {
  const { catalog } = deps.catalog;
  const { loyalty, members, coupons } = deps.loyalty;
  // points redemption limits: the programme's rule is the one the pricing engine applies
  const pricing = new PricingService(
    ctx.repos.promotions,
    ctx.repos.store,
    () => loyalty.program.config().points.redemption,
  );
  return {
    name: 'pricing',
    pricing,
    routes: [promotionsRoutes({ ctx, pricing }), pricingRoutes({ ctx, catalog, pricing, members, coupons })],
  };
}
