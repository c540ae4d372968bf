import { Type, type Static } from '@sinclair/typebox';
import { CouponSchema } from './coupon.schema.ts';

/** One scanned line, already grossed by core/catalog `lineGross`. */
export const CartLineSchema = Type.Object(
  {
    lineId: Type.String({ minLength: 1, maxLength: 64 }),
    sku: Type.String({ minLength: 1, maxLength: 64 }),
    categoryPath: Type.String({ pattern: '^[^/]+(/[^/]+)*$', maxLength: 200 }),
    unit: Type.Union([Type.Literal('each'), Type.Literal('kg')]),
    /** count for each; grams for kg (0 when a label scale printed only the price) */
    quantity: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    /** fen per unit, or per kg */
    unitPriceFen: Type.Integer({ minimum: 0 }),
    grossFen: Type.Integer({ minimum: 0 }),
    taxRateBp: Type.Integer({ minimum: 0, maximum: 10_000 }),
  },
  { additionalProperties: false },
);
export type CartLine = Static<typeof CartLineSchema>;

export const MemberSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    tier: Type.Optional(Type.String({ minLength: 1 })),
    tags: Type.Array(Type.String()),
    firstPurchase: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type Member = Static<typeof MemberSchema>;

/** Local time of the sale, passed in (the core never reads the clock). */
export const PricingAtSchema = Type.Object(
  {
    date: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' }),
    /** ISO weekday 1 = Monday … 7 = Sunday */
    weekday: Type.Integer({ minimum: 1, maximum: 7 }),
    minuteOfDay: Type.Integer({ minimum: 0, maximum: 1439 }),
  },
  { additionalProperties: false },
);
export type PricingAt = Static<typeof PricingAtSchema>;

export const PricingRequestSchema = Type.Object(
  {
    storeId: Type.String({ minLength: 1 }),
    channel: Type.Optional(Type.String({ minLength: 1 })),
    at: PricingAtSchema,
    lines: Type.Array(CartLineSchema, { maxItems: 2000 }),
    member: Type.Optional(MemberSchema),
    coupons: Type.Optional(Type.Array(CouponSchema, { maxItems: 50 })),
    /** points the member asks to pay with (balance is checked by loyalty) */
    pointsRequested: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type PricingRequest = Static<typeof PricingRequestSchema>;

/** Store settings for stages 5 and 6. */
export const PricingSettingsSchema = Type.Object(
  {
    /** 抹零 of the amount due: none; dropFen (floor to the jiao); roundJiaoHalfUp (to the nearest jiao, 5 fen up) */
    rounding: Type.Union([Type.Literal('none'), Type.Literal('dropFen'), Type.Literal('roundJiaoHalfUp')]),
    pointsRedemption: Type.Object(
      {
        /** points worth ¥1 (default 100) */
        pointsPerYuan: Type.Integer({ minimum: 1 }),
        minPoints: Type.Integer({ minimum: 0 }),
        /** at most this share of the amount due may be paid with points */
        maxShareBp: Type.Integer({ minimum: 0, maximum: 10_000 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type PricingSettings = Static<typeof PricingSettingsSchema>;
