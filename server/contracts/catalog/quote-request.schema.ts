import { Type, type Static } from '@sinclair/typebox';

/** One basket item of a quote: a barcode (as scanned: EAN, UPC, PLU or label-scale code) or a SKU. */
export const QuoteItemSchema = Type.Object(
  {
    barcode: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    sku: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    /** count of a counted item (default 1) */
    qty: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    /** weight of a weighed item, grams */
    weightGrams: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);

/** POST /api/v1/pricing/quote: price a basket as a lane would, without a lane or a sale. */
export const QuoteRequestSchema = Type.Object(
  {
    items: Type.Array(QuoteItemSchema, { minItems: 1, maxItems: 500 }),
    memberId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    couponCodes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20 })),
    /** the instant to price at, ISO 8601 (default now); promotions see the store's local time of it */
    at: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type QuoteRequest = Static<typeof QuoteRequestSchema>;
