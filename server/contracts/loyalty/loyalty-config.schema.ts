import { Type, type Static } from '@sinclair/typebox';
import { CouponTemplateSchema, IssuanceRuleSchema } from './coupon-template.schema.ts';
import { PointsRulesSchema } from './points-rules.schema.ts';
import { ReferralRuleSchema } from './referral-rule.schema.ts';
import { TagRulesSchema } from './segment.schema.ts';
import { TierTableSchema } from './tier-table.schema.ts';
import { StoredValueRulesSchema } from './top-up-rule.schema.ts';

/** The store's whole loyalty programme, as the console edits it and HQ pushes it down. */
export const LoyaltyConfigSchema = Type.Object(
  {
    points: PointsRulesSchema,
    tiers: TierTableSchema,
    storedValue: StoredValueRulesSchema,
    couponTemplates: Type.Array(CouponTemplateSchema),
    issuanceRules: Type.Array(IssuanceRuleSchema),
    referral: Type.Optional(ReferralRuleSchema),
    tags: TagRulesSchema,
  },
  { additionalProperties: false },
);

export type LoyaltyConfig = Static<typeof LoyaltyConfigSchema>;
