import type { PricingSettings } from '../../../../server/contracts/pricing/pricing-request.schema.ts';

/**
 * What the box prices with while the store has no pricing settings of its own: the same values as
 * server/core/pricing/pricing-settings.ts DEFAULT_PRICING_SETTINGS (kept equal by a test; that module
 * compiles a TypeBox checker at load, which the pages' content policy forbids, so it is not imported).
 */
export const PRICING_DEFAULTS: PricingSettings = {
  rounding: 'none',
  pointsRedemption: { pointsPerYuan: 100, minPoints: 0, maxShareBp: 10_000 },
};
