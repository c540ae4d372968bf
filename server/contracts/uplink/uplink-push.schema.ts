import { Type, type Static } from '@sinclair/typebox';
import { UplinkErrorSchema } from './uplink-request.schema.ts';

/** A push id: HQ makes it; the same id with the same content is applied once. */
const PushId = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$' });

/**
 * HQ → box on `<prefix>/<storeId>/push/catalog`: products in the API shape (POST /api/v1/products),
 * created or replaced. Each product is checked by parseProduct (app/catalog/catalog-input.ts) in the catalog import use case;
 * one bad product refuses the whole push.
 */
export const CatalogPushSchema = Type.Object(
  {
    pushId: PushId,
    products: Type.Array(Type.Unknown(), { minItems: 1, maxItems: 200_000 }),
  },
  { additionalProperties: false },
);
export type CatalogPush = Static<typeof CatalogPushSchema>;

/**
 * HQ → box on `<prefix>/<storeId>/push/promotions`: promotions in the API shape (POST
 * /api/v1/promotions), created or replaced and active; `deactivate` lists ids to take off. Checked by
 * validatePromotion (app/pricing/pricing-input.ts) one by one, then compiled with every other active promotion.
 */
export const PromotionsPushSchema = Type.Object(
  {
    pushId: PushId,
    promotions: Type.Array(Type.Unknown(), { maxItems: 10_000 }),
    deactivate: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 10_000 })),
  },
  { additionalProperties: false },
);
export type PromotionsPush = Static<typeof PromotionsPushSchema>;

export type PushKind = 'catalog' | 'promotions';

/** One reason a push was refused: `index` is the position in `products`/`promotions` (absent: the push as a whole). */
export const PushProblemSchema = Type.Object(
  {
    index: Type.Optional(Type.Integer({ minimum: 0 })),
    field: Type.String(),
    code: Type.Optional(Type.String()),
    reason: Type.String(),
  },
  { additionalProperties: false },
);
export type PushProblem = Static<typeof PushProblemSchema>;

export const PushAppliedSchema = Type.Object(
  {
    created: Type.Integer({ minimum: 0 }),
    updated: Type.Integer({ minimum: 0 }),
    unchanged: Type.Integer({ minimum: 0 }),
    deactivated: Type.Integer({ minimum: 0 }),
    /** true when this push id was applied before and this is the stored answer */
    replayed: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type PushApplied = Static<typeof PushAppliedSchema>;

/**
 * box → HQ on the push's response topic (or `<prefix>/<storeId>/push-result`). A refused push
 * changed nothing; `problems` lists what to fix (the first 1000).
 */
export const PushResultSchema = Type.Union([
  Type.Object(
    { ok: Type.Literal(true), kind: Type.String(), pushId: Type.String(), data: PushAppliedSchema },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      ok: Type.Literal(false),
      kind: Type.String(),
      pushId: Type.Optional(Type.String()),
      error: UplinkErrorSchema,
      problems: Type.Array(PushProblemSchema),
    },
    { additionalProperties: false },
  ),
]);
export type PushResult = Static<typeof PushResultSchema>;
