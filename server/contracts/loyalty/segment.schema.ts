import { Type } from '@sinclair/typebox';
import { FenSchema } from './common.schema.ts';

export const SegmentQuerySchema = Type.Recursive(
  (This) =>
    Type.Union([
      Type.Object({ tag: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
      Type.Object({ all: Type.Array(This) }, { additionalProperties: false }),
      Type.Object({ any: Type.Array(This) }, { additionalProperties: false }),
      Type.Object({ not: This }, { additionalProperties: false }),
    ]),
  { $id: 'SegmentQuery' },
);

const Bp = Type.Integer({ minimum: 0, maximum: 10_000 });
export const TagRulesSchema = Type.Object(
  {
    highValue: Type.Object(
      { minMonetaryScore: Type.Integer({ minimum: 1, maximum: 5 }), minSpendFen: Type.Optional(FenSchema) },
      { additionalProperties: false },
    ),
    priceSensitive: Type.Object(
      { minDiscountedShareBp: Bp, minOrders: Type.Integer({ minimum: 1 }) },
      { additionalProperties: false },
    ),
    categoryPreference: Type.Object({ minShareBp: Bp, minSpendFen: FenSchema }, { additionalProperties: false }),
    dormant: Type.Object({ days: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
    newcomer: Type.Object({ days: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

export const CampaignSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    segment: SegmentQuerySchema,
    holdoutBp: Type.Integer({ minimum: 0, maximum: 5000 }),
  },
  { additionalProperties: false },
);
