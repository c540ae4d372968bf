import { Type, type Static } from '@sinclair/typebox';

/** Category path segments joined by '/', e.g. "食品/饮料/碳酸饮料"; promotions match by segment prefix. */
export const CategoryPathSchema = Type.String({ pattern: '^[^/]+(/[^/]+)*$', maxLength: 200 });

/**
 * One sellable item as HQ pushes it down (wire schema of the core's Product, server/core/catalog/product.ts;
 * validated at the edge by server/app/catalog/catalog-input.ts parseProduct). Weighed goods (unit kg) carry their price per kg.
 */
export const ProductSchema = Type.Object(
  {
    sku: Type.String({ minLength: 1, maxLength: 64 }),
    names: Type.Object(
      { zh: Type.String({ minLength: 1 }), en: Type.Optional(Type.String()) },
      { additionalProperties: false },
    ),
    categoryPath: CategoryPathSchema,
    unit: Type.Union([Type.Literal('each'), Type.Literal('kg')]),
    /** fen per item, or fen per kg when unit is kg */
    priceFen: Type.Integer({ minimum: 0 }),
    /** VAT included in the price, basis points (1300 = 13%) */
    taxRateBp: Type.Integer({ minimum: 0, maximum: 10_000 }),
    status: Type.Union([Type.Literal('active'), Type.Literal('inactive')]),
    /** EAN-13 / EAN-8 / UPC-A codes printed on the item */
    barcodes: Type.Array(Type.String({ pattern: '^([0-9]{8}|[0-9]{12}|[0-9]{13})$' })),
    /** short code keyed at the lane or printed in a label scale's item digits */
    plu: Type.Optional(Type.String({ pattern: '^[0-9]{1,6}$' })),
  },
  { additionalProperties: false },
);
export type Product = Static<typeof ProductSchema>;
