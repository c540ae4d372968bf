import { Type } from '@sinclair/typebox';

/** 充 minFen 送 bonusFen, tiered; `repeat` applies tiers as often as they fit. */
export const TopUpRuleSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    tiers: Type.Array(Type.Object({ minFen: Type.Integer({ minimum: 1 }), bonusFen: Type.Integer({ minimum: 0 }) }), {
      minItems: 1,
    }),
    repeat: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const PinPolicySchema = Type.Object(
  { maxAttempts: Type.Integer({ minimum: 1, maximum: 20 }), lockMinutes: Type.Integer({ minimum: 1, maximum: 1440 }) },
  { additionalProperties: false },
);

export const StoredValueRulesSchema = Type.Object(
  { topUp: Type.Optional(TopUpRuleSchema), pin: PinPolicySchema },
  { additionalProperties: false },
);
