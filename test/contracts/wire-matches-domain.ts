/**
 * Each wire schema in server/contracts that carries a core domain type agrees with it: a drift on
 * either side fails `npm run typecheck`. Contracts may not import core (docs/architecture.md), so
 * these checks live here, where both are visible; the helpers are server/contracts/type-equality.ts.
 */
import type { Static } from '@sinclair/typebox';
import type { Assert, Assignable, Equals } from '../../server/contracts/type-equality.ts';
import type {
  CouponTemplateSchema,
  IssuanceRuleSchema,
} from '../../server/contracts/loyalty/coupon-template.schema.ts';
import type { EarnRuleSchema, RedemptionRuleSchema } from '../../server/contracts/loyalty/points-rules.schema.ts';
import type { ReferralRuleSchema } from '../../server/contracts/loyalty/referral-rule.schema.ts';
import type { SegmentQuerySchema, TagRulesSchema } from '../../server/contracts/loyalty/segment.schema.ts';
import type { TierTableSchema } from '../../server/contracts/loyalty/tier-table.schema.ts';
import type { PinPolicySchema, TopUpRuleSchema } from '../../server/contracts/loyalty/top-up-rule.schema.ts';
import type * as loyalty from '../../server/core/loyalty/index.ts';
import type { pricingErrors } from '../../server/contracts/errors/pricing.errors.ts';
import type { CouponSchema } from '../../server/contracts/pricing/coupon.schema.ts';
import type { promotionRuleSchemas } from '../../server/contracts/pricing/promotion-rule-schemas.ts';
import type {
  CartLineSchema,
  MemberSchema,
  PricingAtSchema,
  PricingRequestSchema,
  PricingSettingsSchema,
} from '../../server/contracts/pricing/pricing-request.schema.ts';
import type {
  ConditionsSchema,
  EffectSchema,
  PromotionSchema,
} from '../../server/contracts/pricing/promotion.schema.ts';
import type * as pricing from '../../server/core/pricing/index.ts';
import type { ProductSchema } from '../../server/contracts/catalog/product.schema.ts';
import type { VariableMeasureLayoutSchema } from '../../server/contracts/catalog/variable-measure-layout.schema.ts';
import type * as catalog from '../../server/core/catalog/index.ts';

// catalog (server/core/catalog)
export type ProductAgrees = Assert<Equals<Static<typeof ProductSchema>, catalog.Product>>;
export type VariableMeasureLayoutAgrees = Assert<
  Equals<Static<typeof VariableMeasureLayoutSchema>, catalog.VariableMeasureLayout>
>;

// pricing (server/core/pricing)
export type CartLineAgrees = Assert<Equals<Static<typeof CartLineSchema>, pricing.CartLine>>;
export type MemberAgrees = Assert<Equals<Static<typeof MemberSchema>, pricing.Member>>;
export type PricingAtAgrees = Assert<Equals<Static<typeof PricingAtSchema>, pricing.PricingAt>>;
export type PricingRequestAgrees = Assert<Equals<Static<typeof PricingRequestSchema>, pricing.PricingRequest>>;
export type PricingSettingsAgrees = Assert<Equals<Static<typeof PricingSettingsSchema>, pricing.PricingSettings>>;
export type CouponAgrees = Assert<Equals<Static<typeof CouponSchema>, pricing.Coupon>>;
export type ConditionsAgree = Assert<Equals<Static<typeof ConditionsSchema>, pricing.Conditions>>;
export type EffectAgrees = Assert<Equals<Static<typeof EffectSchema>, pricing.Effect>>;
export type PromotionAgrees = Assert<Equals<Static<typeof PromotionSchema>, pricing.Promotion>>;
/** the rule registry lists every effect kind, and the argument-schema registry is keyed by exactly those kinds */
export type RuleRegistryCoversEffects = Assert<Equals<pricing.RegisteredRuleKind, pricing.EffectKind>>;
export type RuleSchemasKeyedByRuleKinds = Assert<Equals<keyof typeof promotionRuleSchemas, pricing.RegisteredRuleKind>>;
/** every code the pricing core returns has a catalog entry, and the catalog lists no other pricing code */
export type PricingCodesCatalogued = Assert<Equals<pricing.PricingErrorCode, keyof typeof pricingErrors>>;

// loyalty (server/core/loyalty): what a schema validates can be handed to the core as its config type
export type CouponTemplateFits = Assert<Assignable<Static<typeof CouponTemplateSchema>, loyalty.CouponTemplate>>;
export type IssuanceRuleFits = Assert<Assignable<Static<typeof IssuanceRuleSchema>, loyalty.IssuanceRule>>;
export type EarnRuleFits = Assert<Assignable<Static<typeof EarnRuleSchema>, loyalty.EarnRule>>;
export type RedemptionRuleFits = Assert<Assignable<Static<typeof RedemptionRuleSchema>, loyalty.RedemptionRule>>;
export type ReferralRuleFits = Assert<Assignable<Static<typeof ReferralRuleSchema>, loyalty.ReferralRule>>;
export type SegmentQueryFits = Assert<Assignable<Static<typeof SegmentQuerySchema>, loyalty.SegmentQuery>>;
export type TagRulesFits = Assert<Assignable<Static<typeof TagRulesSchema>, loyalty.TagRules>>;
export type TierTableFits = Assert<Assignable<Static<typeof TierTableSchema>, loyalty.TierTable>>;
export type TopUpRuleFits = Assert<Assignable<Static<typeof TopUpRuleSchema>, loyalty.TopUpRule>>;
export type PinPolicyFits = Assert<Assignable<Static<typeof PinPolicySchema>, loyalty.PinPolicy>>;
