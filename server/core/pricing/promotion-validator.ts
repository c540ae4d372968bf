import { FULL_BP } from '../money/index.ts';
import { err, ok, type Err, type Result } from '../result.ts';
import { categoryCovers } from './conditions/line-scope.ts';
import type { PricingErrorCode } from './pricing-error-code.ts';
import type { Promotion } from './promotion.ts';

function invalid(code: PricingErrorCode, path: string, reason?: string): Err<PricingErrorCode> {
  return err(code, path, reason === undefined ? { path } : { path, reason });
}

/**
 * The contradictions a schema cannot express, on a promotion whose shape the edge has validated
 * against server/contracts/pricing/promotion.schema.ts (满100减100, > 100 %, empty ranges…).
 * The error's field is a JSON pointer into the promotion.
 */
export function checkPromotion(p: Promotion): Result<Promotion, PricingErrorCode> {
  const e = p.effect;
  switch (e.kind) {
    case 'itemPercentOff':
    case 'basketPercentOff':
    case 'nthItemOff':
      if (e.offBp > FULL_BP) return invalid('PRICING_PERCENT_OUT_OF_RANGE', '/effect/offBp');
      if (e.kind === 'nthItemOff' && e.n < 2) return invalid('PRICING_NTH_BELOW_TWO', '/effect/n');
      break;
    case 'memberTierRate':
      for (const [tier, bp] of Object.entries(e.payBpByTier)) {
        if (bp > FULL_BP) return invalid('PRICING_PERCENT_OUT_OF_RANGE', `/effect/payBpByTier/${tier}`);
      }
      break;
    case 'buyXGetY':
      if (e.buy < 1) return invalid('PRICING_BUY_BELOW_ONE', '/effect/buy');
      if (e.get < 1) return invalid('PRICING_GET_BELOW_ONE', '/effect/get');
      break;
    case 'basketThreshold':
      if (e.amountOffFen >= e.thresholdFen)
        return invalid('PRICING_THRESHOLD_NOT_ABOVE_AMOUNT', '/effect/amountOffFen');
      if (e.capFen !== undefined && e.capFen < e.amountOffFen)
        return invalid('PRICING_CAP_BELOW_AMOUNT', '/effect/capFen');
      break;
  }
  const c = p.conditions;
  if (c.dateRange && c.dateRange.from > c.dateRange.to)
    return invalid('PRICING_EMPTY_DATE_RANGE', '/conditions/dateRange');
  if (c.timeOfDay && c.timeOfDay.from === c.timeOfDay.to)
    return invalid('PRICING_EMPTY_TIME_WINDOW', '/conditions/timeOfDay');
  const excludedSkus = new Set(c.skus?.exclude);
  const skuClash = c.skus?.include?.findIndex((s) => excludedSkus.has(s)) ?? -1;
  if (skuClash >= 0) return invalid('PRICING_CONTRADICTORY_SCOPE', `/conditions/skus/include/${skuClash}`);
  const catClash =
    c.categories?.include?.findIndex((inc) => c.categories?.exclude?.some((exc) => categoryCovers(exc, inc))) ?? -1;
  if (catClash >= 0) return invalid('PRICING_CONTRADICTORY_SCOPE', `/conditions/categories/include/${catClash}`);
  return ok(p);
}
