import { Type } from '@sinclair/typebox';

export const PromotionIdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** Checked by `validatePromotion` in server/app/pricing/pricing-input.ts (shape, then the core contradictions); see docs/pricing.md for the format. */
export const PromotionBodySchema = Type.Object(
  {},
  {
    additionalProperties: true,
    description: 'a promotion: id, name {zh, en}, priority, conditions, effect, exclusivityGroup?',
  },
);
