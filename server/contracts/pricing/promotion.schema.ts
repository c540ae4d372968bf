import { Type, type Static } from '@sinclair/typebox';
import { EffectSchema } from './promotion-rule-schemas.ts';

/**
 * A promotion is data: conditions + one effect + stacking (DESIGN.md "Pricing and promotions").
 * Shape only; contradictions (amount off ≥ threshold, > 100 %, empty ranges…) are caught by
 * checkPromotion in server/core/pricing (after the edge, server/app/pricing/pricing-input.ts, checked
 * the shape against this schema). The domain type is server/core/pricing/promotion.ts. docs/pricing.md has a JSON example of every part.
 */

const Id = Type.String({ minLength: 1, maxLength: 64 });
/** "食品/饮料": matches that category and everything below it, by whole segments */
const CategoryPath = Type.String({ pattern: '^[^/]+(/[^/]+)*$', maxLength: 200 });
const LocalDate = Type.String({
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
  description: 'local date YYYY-MM-DD',
});
const ClockTime = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'local time HH:MM' });
const Strings = (item = Id) => Type.Array(item, { minItems: 1, maxItems: 10_000 });

const Scope = <T extends ReturnType<typeof Strings>>(list: T) =>
  Type.Object({ include: Type.Optional(list), exclude: Type.Optional(list) }, { additionalProperties: false });

export const ConditionsSchema = Type.Object(
  {
    /** line scope: a line matches when it is in skus.include OR categories.include (or neither is given), and in no exclude */
    skus: Type.Optional(Scope(Strings())),
    categories: Type.Optional(Scope(Strings(CategoryPath))),
    /** member tier is one of these (a guest never matches) */
    memberTiers: Type.Optional(Strings()),
    /** member carries at least one of these tags */
    memberTags: Type.Optional(Strings()),
    /** the member's first purchase */
    firstPurchase: Type.Optional(Type.Literal(true)),
    /** inclusive local dates */
    dateRange: Type.Optional(Type.Object({ from: LocalDate, to: LocalDate }, { additionalProperties: false })),
    /** ISO weekdays, 1 = Monday … 7 = Sunday */
    weekdays: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7 })),
    /** [from, to) local time; to < from spans midnight */
    timeOfDay: Type.Optional(Type.Object({ from: ClockTime, to: ClockTime }, { additionalProperties: false })),
    stores: Type.Optional(Strings()),
    channels: Type.Optional(Strings()),
    /** units of the matching lines (a weighed line counts as 1) */
    minQuantity: Type.Optional(Type.Integer({ minimum: 1 })),
    /** current net of the matching lines when the promotion's stage runs */
    minAmountFen: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type Conditions = Static<typeof ConditionsSchema>;

/** The effect union, derived from the rule registry (each rule's argument schema, keyed by kind). */
export { EffectSchema };
export type Effect = Static<typeof EffectSchema>;
export type EffectKind = Effect['kind'];

export const PromotionSchema = Type.Object(
  {
    id: Id,
    name: Type.Object(
      { zh: Type.String({ minLength: 1, maxLength: 100 }), en: Type.String({ minLength: 1, maxLength: 100 }) },
      { additionalProperties: false },
    ),
    /** higher applies first within a stage; ties by id */
    priority: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 }),
    /** at most one promotion of a group applies: the one best for the customer */
    exclusivityGroup: Type.Optional(Id),
    /** line promotions only: when false (default) a line this promotion discounted gets no member-tier discount */
    combinesWithTier: Type.Optional(Type.Boolean()),
    conditions: ConditionsSchema,
    effect: EffectSchema,
  },
  { additionalProperties: false },
);
export type Promotion = Static<typeof PromotionSchema>;
