import { Type } from '@sinclair/typebox';

/** GET /api/v1/products: search by name (zh/en), SKU, barcode or PLU; paged, with the total. */
export const ProductSearchQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);

export const SkuParamsSchema = Type.Object({ sku: Type.String({ minLength: 1, maxLength: 64 }) });

/**
 * POST and PUT bodies are checked by `parseProduct` (server/app/catalog/catalog-input.ts, against ProductSchema),
 * the same check an import row gets, so here they are only required to be objects.
 */
export const ProductBodySchema = Type.Object(
  {},
  {
    additionalProperties: true,
    description:
      'a product: sku, names {zh, en?}, categoryPath, unit (each|kg), priceFen, taxRateBp, status?, barcodes?, plu?',
  },
);
