/**
 * Each wire schema in server/contracts that carries a core domain type agrees with it: a drift on
 * either side fails `npm run typecheck`. Contracts may not import core (docs/architecture.md), so
 * these checks live here, where both are visible; the helpers are server/contracts/type-equality.ts.
 */
import type { Static } from '@sinclair/typebox';
import type { Assert, Equals } from '../../server/contracts/type-equality.ts';
import type { pricingErrors } from '../../server/contracts/errors/pricing.errors.ts';
import type { CouponSchema } from '../../server/contracts/pricing/coupon.schema.ts';
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
/** every code the pricing core returns has a catalog entry, and the catalog lists no other pricing code */
export type PricingCodesCatalogued = Assert<Equals<pricing.PricingErrorCode, keyof typeof pricingErrors>>;
