import type { EffectKind } from '../promotion.ts';
import { basketPercentOff } from './basket-percent-off.ts';
import { buyXGetY } from './buy-x-get-y.ts';
import { fixedPrice } from './fixed-price.ts';
import { itemAmountOff } from './item-amount-off.ts';
import { itemPercentOff } from './item-percent-off.ts';
import { memberTierRate } from './member-tier-rate.ts';
import { nthItemOff } from './nth-item-off.ts';
import type { PromotionRule } from './promotion-rule.ts';
import { thresholdDiscount } from './threshold-discount.ts';

/**
 * Every promotion effect kind and the stage it runs in (STYLE.md habit 8: an explicit array). Each
 * rule's argument schema is registered under the same kind in
 * server/contracts/pricing/promotion-rule-schemas.ts; test/contracts/wire-matches-domain.ts checks
 * at compile time that both registries list exactly the effect kinds.
 */
const rules = [
  fixedPrice,
  itemPercentOff,
  itemAmountOff,
  nthItemOff,
  buyXGetY,
  memberTierRate,
  thresholdDiscount,
  basketPercentOff,
  // read the priced result: the line's points multiplier, coupon templates the sale earns
  { kind: 'pointsMultiplier', stage: 'afterSale' },
  { kind: 'issueCoupon', stage: 'afterSale' },
] as const;

export const promotionRules: readonly PromotionRule[] = rules;

/** The kinds the registry lists (literal types, for the compile-time checks). */
export type RegisteredRuleKind = (typeof rules)[number]['kind'];

export const ruleByKind: ReadonlyMap<EffectKind, PromotionRule> = new Map(promotionRules.map((r) => [r.kind, r]));
