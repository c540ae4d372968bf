import type { PricingSettings } from '../pricing/pricing-settings.ts';
import type { RedemptionRule } from './points/points-config.ts';

/**
 * The pricing engine's points stage reads the loyalty programme's redemption rule: one rule for the
 * lane's check, the priced cart and the sale commit. The programme's parser accepts only rules worth
 * a whole number of points per fen (100 points = ¥1, 200 = ¥1, 1000 = ¥1) and a minimum in whole fen: there the engine's
 * points-per-¥1 rounding and the loyalty core's (fewest points worth a fen amount, the offered
 * maximum) give the same points and fen for every request. With a point worth more than a fen
 * (50 points = ¥1) or a fraction of points per fen (150 = ¥1) they can differ by a point.
 */
export function pricingRedemptionOf(rule: RedemptionRule): PricingSettings['pointsRedemption'] {
  const misfit = redemptionMisfit(rule);
  if (misfit) throw new Error(`redemption rule ${misfit.field}: ${misfit.reason}`);
  return { pointsPerYuan: (rule.points * 100) / rule.fen, minPoints: rule.minimumPoints, maxShareBp: rule.capBp };
}

/** Why a rule cannot feed the engine exactly (field and reason), or undefined when it can. */
export function redemptionMisfit(rule: RedemptionRule): { field: 'fen' | 'minimumPoints'; reason: string } | undefined {
  if (rule.points % rule.fen !== 0)
    return { field: 'fen', reason: 'points must be a whole multiple of fen (a whole number of points per fen)' };
  // requests are used in whole fen: a minimum between two fen would let a request pass the lane's check and be priced below it
  const perFen = rule.points / rule.fen;
  if (rule.minimumPoints % perFen !== 0)
    return { field: 'minimumPoints', reason: `must be a multiple of ${perFen} (the points worth one fen)` };
  return undefined;
}

export function redemptionFitsPricing(rule: RedemptionRule): boolean {
  return redemptionMisfit(rule) === undefined;
}
