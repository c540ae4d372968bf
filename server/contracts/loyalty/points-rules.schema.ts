import { Type } from '@sinclair/typebox';
import { BasisPointsSchema, CategoryPathSchema, PositiveIntSchema } from './common.schema.ts';

export const ExpiryPolicySchema = Type.Union([
  Type.Object({ kind: Type.Literal('end-of-next-year') }),
  Type.Object({ kind: Type.Literal('rolling-months'), months: Type.Integer({ minimum: 1, maximum: 120 }) }),
  Type.Object({ kind: Type.Literal('never') }),
]);

export const EarnRuleSchema = Type.Object(
  {
    points: PositiveIntSchema,
    perFen: Type.Integer({ minimum: 1, description: '1 point per 100 fen = ¥1; 1 per 1000 = ¥10' }),
    categoryMultipliers: Type.Array(Type.Object({ categoryPath: CategoryPathSchema, multiplierBp: BasisPointsSchema })),
    timeWindows: Type.Array(
      Type.Object({
        weekdays: Type.Optional(Type.Array(Type.Integer({ minimum: 0, maximum: 6 }), { description: '0 = Sunday' })),
        fromMinute: Type.Integer({ minimum: 0, maximum: 1439 }),
        toMinute: Type.Integer({ minimum: 1, maximum: 1440 }),
        multiplierBp: BasisPointsSchema,
      }),
    ),
    behaviour: Type.Record(Type.String({ minLength: 1 }), Type.Integer({ minimum: 0 })),
    expiry: ExpiryPolicySchema,
  },
  { additionalProperties: false },
);

export const RedemptionRuleSchema = Type.Object(
  {
    points: PositiveIntSchema,
    fen: Type.Integer({ minimum: 1 }),
    minimumPoints: Type.Integer({ minimum: 0 }),
    capBp: Type.Integer({ minimum: 0, maximum: 10_000 }),
  },
  { additionalProperties: false },
);

export const RestorePolicySchema = Type.Union([
  Type.Literal('none'),
  Type.Literal('original-expiry'),
  Type.Literal('new-expiry'),
]);

export const PointsRulesSchema = Type.Object(
  { earn: EarnRuleSchema, redemption: RedemptionRuleSchema, restoreRedeemedOnRefund: RestorePolicySchema },
  { additionalProperties: false },
);
