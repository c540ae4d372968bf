import { Type } from '@sinclair/typebox';
import { FenSchema } from './common.schema.ts';

export const ReferralRuleSchema = Type.Object(
  {
    firstPurchase: Type.Union([
      Type.Object({ kind: Type.Literal('points'), points: Type.Integer({ minimum: 1 }) }),
      Type.Object({ kind: Type.Literal('coupon'), templateId: Type.String({ minLength: 1 }) }),
    ]),
    minFirstPurchaseFen: FenSchema,
    repeatShareBp: Type.Object(
      { level1: Type.Integer({ minimum: 0, maximum: 10_000 }), level2: Type.Integer({ minimum: 0, maximum: 10_000 }) },
      { additionalProperties: false },
    ),
    shareRate: Type.Object(
      { points: Type.Integer({ minimum: 1 }), perFen: Type.Integer({ minimum: 1 }) },
      { additionalProperties: false },
    ),
    capPerMonthPoints: Type.Optional(Type.Integer({ minimum: 0 })),
    capPerRefereePoints: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
