import { Type, type TLiteral, type TObject, type TProperties, type TUnion } from '@sinclair/typebox';

/**
 * Each promotion rule's argument schema, keyed by the rule's kind: one explicit registry (STYLE.md
 * habit 8) beside the core's rule registry (server/core/pricing/rules/promotion-rules.ts), whose
 * kinds it must equal (test/contracts/wire-matches-domain.ts checks it at compile time). The
 * promotion schema's effect union is derived from it, and the console's promotion forms can be.
 * Shape only; contradictions are the core's (checkPromotion).
 */
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Fen = Type.Integer({ minimum: 0, description: 'integer fen (分)' });
const Bp = Type.Integer({ minimum: 0, description: 'basis points, 10000 = 100 %' });

export const promotionRuleSchemas = {
  // stage 1: line promotions
  itemPercentOff: { offBp: Bp },
  /** per unit; once per line for weighed goods */
  itemAmountOff: { amountFen: Type.Integer({ minimum: 1 }) },
  /** per unit; per kg for weighed goods */
  fixedPrice: { priceFen: Fen },
  nthItemOff: { n: Type.Integer(), offBp: Bp },
  buyXGetY: { buy: Type.Integer(), get: Type.Integer() },
  // stage 2: member-tier discount, pay rate per tier (银卡 9.5折 = 9500)
  memberTierRate: { payBpByTier: Type.Record(Id, Bp, { minProperties: 1 }) },
  // stage 3: basket
  basketThreshold: {
    thresholdFen: Type.Integer({ minimum: 1 }),
    amountOffFen: Type.Integer({ minimum: 1 }),
    /** 每满: once per whole multiple of the threshold */
    repeat: Type.Optional(Type.Boolean()),
    capFen: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  basketPercentOff: { offBp: Bp },
  // after the sale is priced
  pointsMultiplier: { multiplierBp: Bp },
  issueCoupon: { templateId: Id, count: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) },
} satisfies Record<string, TProperties>;

export type PromotionRuleKind = keyof typeof promotionRuleSchemas;

type ArgsOf<K extends PromotionRuleKind> = (typeof promotionRuleSchemas)[K] extends infer P extends TProperties
  ? P
  : never;

/** The effect object of one rule kind: `kind` plus that rule's arguments, nothing else. */
export type TEffectOf<K extends PromotionRuleKind> = TObject<{ kind: TLiteral<K> } & ArgsOf<K>>;

export function effectSchemaOf<K extends PromotionRuleKind>(kind: K): TEffectOf<K> {
  // TypeBox cannot infer a spread of a generic index; the type is what this builds, checked against the core Effect
  return Type.Object(
    { kind: Type.Literal(kind), ...promotionRuleSchemas[kind] },
    { additionalProperties: false },
  ) as unknown as TEffectOf<K>;
}

const kinds = Object.keys(promotionRuleSchemas) as PromotionRuleKind[];

/** Every effect, in registry order: the union the promotion schema carries. */
/** one member per kind (a mapped type, so the union distributes over the kinds) */
export type TAnyEffect = { [K in PromotionRuleKind]: TEffectOf<K> }[PromotionRuleKind];

export const EffectSchema: TUnion<TAnyEffect[]> = Type.Union(
  // each element is the effect of its own kind; TypeScript cannot correlate a union-typed kind with it
  kinds.map((kind) => effectSchemaOf(kind) as unknown as TAnyEffect),
);
