import { Type, type Static } from '@sinclair/typebox';

/**
 * A coupon instance the lane hands to the pricing engine (issuing, ownership and usage limits are
 * the loyalty module's). Thresholds are checked on the net after line, tier and basket promotions.
 */
const LocalDate = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' });
const common = {
  code: Type.String({ minLength: 1, maxLength: 64 }),
  templateId: Type.String({ minLength: 1, maxLength: 64 }),
  name: Type.Optional(
    Type.Object(
      { zh: Type.String({ minLength: 1 }), en: Type.String({ minLength: 1 }) },
      { additionalProperties: false },
    ),
  ),
  validFrom: Type.Optional(LocalDate),
  validTo: Type.Optional(LocalDate),
  /** may be used together with other stackable coupons; a non-stackable coupon must be the only one */
  stackable: Type.Optional(Type.Boolean()),
  /**
   * The lines the coupon may touch, for every kind: a line is in scope when its SKU is listed or its
   * category path is under a listed category (both absent or empty: the whole basket). The threshold
   * is met on, and the discount allocated over, the lines in scope only.
   */
  scope: Type.Optional(
    Type.Object(
      {
        skus: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 500 })),
        categories: Type.Optional(Type.Array(Type.String({ pattern: '^[^/]+(/[^/]+)*$' }), { maxItems: 100 })),
      },
      { additionalProperties: false },
    ),
  ),
};

export const CouponSchema = Type.Union([
  /** 满50减10 */
  Type.Object(
    {
      ...common,
      kind: Type.Literal('amountOff'),
      thresholdFen: Type.Integer({ minimum: 0 }),
      amountOffFen: Type.Integer({ minimum: 1 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      ...common,
      kind: Type.Literal('percentOff'),
      offBp: Type.Integer({ minimum: 1, maximum: 10_000 }),
      thresholdFen: Type.Optional(Type.Integer({ minimum: 0 })),
      capFen: Type.Optional(Type.Integer({ minimum: 1 })),
    },
    { additionalProperties: false },
  ),
  /** amount off with a threshold, both on the lines of these categories only */
  Type.Object(
    {
      ...common,
      kind: Type.Literal('categoryAmountOff'),
      categories: Type.Array(Type.String({ pattern: '^[^/]+(/[^/]+)*$' }), { minItems: 1, maxItems: 100 }),
      thresholdFen: Type.Integer({ minimum: 0 }),
      amountOffFen: Type.Integer({ minimum: 1 }),
    },
    { additionalProperties: false },
  ),
  /** this many units of the SKU free, if the basket holds them (and the lines in scope reach the threshold: 满88送一件) */
  Type.Object(
    {
      ...common,
      kind: Type.Literal('freeItem'),
      sku: Type.String({ minLength: 1 }),
      thresholdFen: Type.Optional(Type.Integer({ minimum: 0 })),
      quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    },
    { additionalProperties: false },
  ),
]);
export type Coupon = Static<typeof CouponSchema>;
