import { Type } from '@sinclair/typebox';
import { CategoryPathSchema, FenSchema, IsoDateSchema } from './common.schema.ts';

export const CouponEffectSchema = Type.Union([
  Type.Object({ kind: Type.Literal('amount-off'), amountFen: Type.Integer({ minimum: 1 }), thresholdFen: FenSchema }),
  Type.Object({
    kind: Type.Literal('percent-off'),
    payBp: Type.Integer({ minimum: 0, maximum: 9999 }),
    thresholdFen: FenSchema,
    maxOffFen: Type.Optional(Type.Integer({ minimum: 1 })),
  }),
  Type.Object({ kind: Type.Literal('free-item'), sku: Type.String({ minLength: 1 }), thresholdFen: FenSchema }),
]);

export const CouponValiditySchema = Type.Union([
  Type.Object({ kind: Type.Literal('fixed'), from: IsoDateSchema, to: IsoDateSchema }),
  Type.Object({
    kind: Type.Literal('relative'),
    days: Type.Integer({ minimum: 1, maximum: 3660 }),
    startsAfterDays: Type.Integer({ minimum: 0, maximum: 365 }),
  }),
]);

export const CouponTemplateSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    name: Type.String({ minLength: 1, maxLength: 64 }),
    effect: CouponEffectSchema,
    scope: Type.Object(
      { categoryPaths: Type.Array(CategoryPathSchema), skus: Type.Array(Type.String({ minLength: 1 })) },
      { additionalProperties: false },
    ),
    validity: CouponValiditySchema,
    perSaleLimit: Type.Integer({ minimum: 1 }),
    perMemberLimit: Type.Optional(Type.Integer({ minimum: 1 })),
    issueLimit: Type.Optional(Type.Integer({ minimum: 1 })),
    restorePolicy: Type.Union([Type.Literal('never'), Type.Literal('full-refund'), Type.Literal('any-refund')]),
  },
  { additionalProperties: false },
);

export const IssuanceRuleSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    trigger: Type.Union([
      Type.Literal('new-member'),
      Type.Literal('after-sale'),
      Type.Literal('referral'),
      Type.Literal('birthday'),
    ]),
    templateId: Type.String({ minLength: 1 }),
    quantity: Type.Integer({ minimum: 1, maximum: 100 }),
    minSaleFen: Type.Optional(FenSchema),
    tierCodes: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  },
  { additionalProperties: false },
);
