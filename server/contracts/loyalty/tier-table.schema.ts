import { Type } from '@sinclair/typebox';
import { BasisPointsSchema, FenSchema } from './common.schema.ts';

export const BirthdayGiftSchema = Type.Union([
  Type.Object({ kind: Type.Literal('points'), points: Type.Integer({ minimum: 1 }) }),
  Type.Object({ kind: Type.Literal('coupon'), templateId: Type.String({ minLength: 1 }) }),
]);

export const TierDefSchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 32 }),
    name: Type.String({ minLength: 1, maxLength: 32 }),
    minSpendFen: FenSchema,
    discountBp: Type.Integer({ minimum: 0, maximum: 10_000, description: 'share paid: 9500 = 9.5折' }),
    pointsMultiplierBp: BasisPointsSchema,
    birthdayGift: Type.Optional(BirthdayGiftSchema),
  },
  { additionalProperties: false },
);

/** Tiers in ascending minSpendFen, the first at 0 (checked in parseLoyaltyConfig). */
export const TierTableSchema = Type.Object(
  { windowMonths: Type.Integer({ minimum: 1, maximum: 60 }), tiers: Type.Array(TierDefSchema, { minItems: 1 }) },
  { additionalProperties: false },
);
