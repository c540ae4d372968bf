import { TypeCompiler } from '@sinclair/typebox/compiler';
import { PricingSettingsSchema, type PricingSettings } from '../../contracts/pricing/pricing-request.schema.ts';
import { err, ok, type Result } from '../result.ts';

/** No 抹零; 100 points = ¥1, no minimum, points may pay the whole amount due. */
export const DEFAULT_PRICING_SETTINGS: PricingSettings = {
  rounding: 'none',
  pointsRedemption: { pointsPerYuan: 100, minPoints: 0, maxShareBp: 10_000 },
};

const checkSettings = TypeCompiler.Compile(PricingSettingsSchema);

export function validatePricingSettings(input: unknown): Result<PricingSettings, 'PRICING_INVALID_SETTINGS'> {
  const first = checkSettings.Errors(input).First();
  if (first)
    return err('PRICING_INVALID_SETTINGS', first.path || '/', { path: first.path || '/', reason: first.message });
  return ok(input as PricingSettings);
}
