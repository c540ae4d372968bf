import { Value } from '@sinclair/typebox/value';
import { LoyaltyConfigSchema, type LoyaltyConfig } from '../../contracts/loyalty/loyalty-config.schema.ts';
import { redemptionMisfit } from '../../core/loyalty/redemption-pricing.ts';
import { err, ok, type Result } from '../../core/result.ts';

type ConfigError = 'LOYALTY_CONFIG_INVALID';

/** '/tiers/tiers/1/minSpendFen' → 'tiers.tiers[1].minSpendFen' */
function fieldOf(pointer: string): string {
  return pointer
    .split('/')
    .filter(Boolean)
    .map((seg, i) => (/^\d+$/.test(seg) ? `[${seg}]` : i === 0 ? seg : `.${seg}`))
    .join('');
}

/**
 * Validates a loyalty configuration at the edge: shape first (TypeBox, the first error names the
 * field), then the rules a schema cannot say (ascending tiers from 0, windows that open before they
 * close, fixed coupon windows in order, rules naming templates that exist).
 */
export function parseLoyaltyConfig(input: unknown): Result<LoyaltyConfig, ConfigError> {
  if (!Value.Check(LoyaltyConfigSchema, input)) {
    const first = Value.Errors(LoyaltyConfigSchema, input).First();
    return err('LOYALTY_CONFIG_INVALID', fieldOf(first?.path ?? ''), {
      field: fieldOf(first?.path ?? ''),
      reason: first?.message ?? 'invalid',
    });
  }
  const c = input;
  const fail = (field: string, reason: string) => err('LOYALTY_CONFIG_INVALID', field, { field, reason });
  if (c.tiers.tiers[0].minSpendFen !== 0) return fail('tiers.tiers[0].minSpendFen', 'the first tier starts at 0');
  for (let i = 1; i < c.tiers.tiers.length; i++) {
    if (c.tiers.tiers[i].minSpendFen <= c.tiers.tiers[i - 1].minSpendFen)
      return fail(`tiers.tiers[${i}].minSpendFen`, 'thresholds must ascend');
  }
  if (new Set(c.tiers.tiers.map((t) => t.code)).size !== c.tiers.tiers.length)
    return fail('tiers.tiers', 'tier codes must be unique');
  const misfit = redemptionMisfit(c.points.redemption);
  if (misfit) return fail(`points.redemption.${misfit.field}`, misfit.reason);
  for (const [i, w] of c.points.earn.timeWindows.entries()) {
    if (w.toMinute <= w.fromMinute) return fail(`points.earn.timeWindows[${i}].toMinute`, 'must be after fromMinute');
  }
  const templateIds = new Set<string>();
  for (const [i, t] of c.couponTemplates.entries()) {
    if (templateIds.has(t.id)) return fail(`couponTemplates[${i}].id`, 'duplicate template id');
    templateIds.add(t.id);
    if (t.validity.kind === 'fixed' && t.validity.to < t.validity.from)
      return fail(`couponTemplates[${i}].validity.to`, 'must not be before from');
  }
  for (const [i, r] of c.issuanceRules.entries()) {
    if (!templateIds.has(r.templateId)) return fail(`issuanceRules[${i}].templateId`, 'unknown coupon template');
  }
  for (const [i, t] of c.tiers.tiers.entries()) {
    if (t.birthdayGift?.kind === 'coupon' && !templateIds.has(t.birthdayGift.templateId))
      return fail(`tiers.tiers[${i}].birthdayGift.templateId`, 'unknown coupon template');
  }
  if (c.referral?.firstPurchase.kind === 'coupon' && !templateIds.has(c.referral.firstPurchase.templateId))
    return fail('referral.firstPurchase.templateId', 'unknown coupon template');
  return ok(c);
}
