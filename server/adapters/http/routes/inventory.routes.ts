import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Purchasing } from '../../../app/inventory/purchasing.ts';
import type { StockService } from '../../../app/inventory/stock-service.ts';
import type { Stocktakes } from '../../../app/inventory/stocktakes.ts';
import { ok } from '../../../core/result.ts';
import { sendError, sendResult } from '../reply.ts';

// quantities are integers (units, or grams for weighed goods); the use cases refuse zero/negatives naming the line
const Quantity = Type.Number({ description: 'units, or grams for weighed goods; a whole number above 0' });
const CostFen = Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'unit cost in fen' });
const Sku = Type.String({ minLength: 1, maxLength: 64 });
const Barcode = Type.String({ minLength: 1, maxLength: 64, description: 'a scanned barcode instead of the SKU' });
const Note = Type.String({ minLength: 1, maxLength: 200 });
const Code = { sku: Type.Optional(Sku), barcode: Type.Optional(Barcode) };
/** the goods of a receipt or a purchase order: a product by SKU or barcode, a count and an optional unit cost */
const GoodsLines = Type.Array(
  Type.Object({ ...Code, quantity: Quantity, unitCostFen: Type.Optional(CostFen) }, { additionalProperties: false }),
  { minItems: 1, maxItems: 500 },
);
const ReceiveBody = Type.Object(
  {
    poId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    note: Type.Optional(Note),
    lines: GoodsLines,
  },
  { additionalProperties: false },
);
const SupplierBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    contact: Type.Optional(Type.String({ maxLength: 200 })),
    leadTimeDays: Type.Integer({ minimum: 0, maximum: 365 }),
    minOrderFen: Type.Integer({ minimum: 0, maximum: 100_000_000, default: 0 }),
    packSize: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
    orderWeekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), {
      uniqueItems: true,
      maxItems: 7,
      description: 'ISO weekdays: 1 Monday … 7 Sunday',
    }),
  },
  { additionalProperties: false },
);
const SupplierProductBody = Type.Object(
  {
    costFen: CostFen,
    packSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    preferred: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const OrderBody = Type.Object(
  {
    supplierId: Type.String({ minLength: 1, maxLength: 64 }),
    note: Type.Optional(Note),
    lines: GoodsLines,
  },
  { additionalProperties: false },
);
const StocktakeBody = Type.Object(
  { categoryPrefix: Type.String({ minLength: 1, maxLength: 200, description: 'e.g. 食品/饮料' }) },
  { additionalProperties: false },
);
const CountBody = Type.Object(
  { ...Code, quantity: Type.Optional(Type.Number({ description: 'default 1 (one scan)' })) },
  { additionalProperties: false },
);
const PostBody = Type.Object({ reason: Note }, { additionalProperties: false });
const AdjustBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('write_off'), Type.Literal('correction')]),
    delta: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 }),
    reason: Note,
  },
  { additionalProperties: false },
);
const MinimumBody = Type.Object(
  { minOnHand: Type.Union([Type.Integer({ minimum: 0, maximum: 1_000_000 }), Type.Null()]) },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const SkuParams = Type.Object({ sku: Sku });
const SupplierSkuParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), sku: Sku });
const SearchQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 64 })), limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) },
  { additionalProperties: false },
);
const LimitQuery = Type.Object(
  { limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) },
  { additionalProperties: false },
);
const OrdersQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union(['draft', 'sent', 'partly_received', 'received', 'closed'].map((s) => Type.Literal(s))),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  },
  { additionalProperties: false },
);
const tags = ['inventory'];

/** Inventory (docs/inventory.md): stock, movements, alerts, receiving, suppliers, purchase orders, stocktakes. */
export function inventoryRoutes(stock: StockService, purchasing: Purchasing, stocktakes: Stocktakes) {
  return async (app: FastifyInstance) => {
    app.get<{ Querystring: typeof SearchQuery.static }>(
      '/api/v1/stock',
      { config: { role: 'cashier' }, schema: { tags, querystring: SearchQuery } },
      async (request) => ({ ok: true, data: stock.search(request.query.q, request.query.limit) }),
    );
    app.get<{ Querystring: typeof LimitQuery.static }>(
      '/api/v1/stock/alerts',
      { config: { role: 'supervisor' }, schema: { tags, querystring: LimitQuery } },
      async (request) => ({ ok: true, data: stock.alerts(request.query.limit) }),
    );
    app.get('/api/v1/stock/verify', { config: { role: 'manager' }, schema: { tags } }, async () => ({
      ok: true,
      data: { mismatches: stock.verify() },
    }));
    app.get<{ Params: typeof SkuParams.static; Querystring: typeof LimitQuery.static }>(
      '/api/v1/stock/:sku',
      { config: { role: 'cashier' }, schema: { tags, params: SkuParams, querystring: LimitQuery } },
      async (request, reply) => sendResult(request, reply, stock.detail(request.params.sku, request.query.limit)),
    );
    app.put<{ Params: typeof SkuParams.static; Body: typeof MinimumBody.static }>(
      '/api/v1/stock/:sku/minimum',
      { config: { role: 'manager' }, schema: { tags, params: SkuParams, body: MinimumBody } },
      async (request, reply) =>
        sendResult(
          request,
          reply,
          stock.setMinimum(request.session!.username, request.params.sku, request.body.minOnHand),
        ),
    );
    app.post<{ Params: typeof SkuParams.static; Body: typeof AdjustBody.static }>(
      '/api/v1/stock/:sku/adjustments',
      { config: { role: 'manager' }, schema: { tags, params: SkuParams, body: AdjustBody } },
      async (request, reply) =>
        sendResult(
          request,
          reply,
          stock.adjust(request.session!.username, { sku: request.params.sku, ...request.body }),
          201,
        ),
    );

    app.post<{ Body: typeof ReceiveBody.static }>(
      '/api/v1/receivings',
      // a retried receipt must not post its stock twice: the Idempotency-Key answers the first receipt
      { config: { role: 'supervisor', idempotent: 'required' }, schema: { tags, body: ReceiveBody } },
      async (request, reply) =>
        sendResult(request, reply, purchasing.receive(request.session!.username, request.body), 201),
    );
    app.get<{ Params: typeof IdParams.static }>(
      '/api/v1/receivings/:id',
      { config: { role: 'supervisor' }, schema: { tags, params: IdParams } },
      async (request, reply) => {
        const r = purchasing.receiving(request.params.id);
        return r ? sendResult(request, reply, ok(r)) : sendError(request, reply, 'NOT_FOUND', 'id');
      },
    );

    app.get('/api/v1/suppliers', { config: { role: 'supervisor' }, schema: { tags } }, async () => ({
      ok: true,
      data: purchasing.suppliers(),
    }));
    app.post<{ Body: typeof SupplierBody.static }>(
      '/api/v1/suppliers',
      { config: { role: 'manager' }, schema: { tags, body: SupplierBody } },
      async (request, reply) =>
        sendResult(request, reply, purchasing.createSupplier(request.session!.username, request.body), 201),
    );
    app.get<{ Params: typeof IdParams.static }>(
      '/api/v1/suppliers/:id',
      { config: { role: 'supervisor' }, schema: { tags, params: IdParams } },
      async (request, reply) => {
        const s = purchasing.supplier(request.params.id);
        return s ? sendResult(request, reply, ok(s)) : sendError(request, reply, 'SUPPLIER_NOT_FOUND', 'id');
      },
    );
    app.put<{ Params: typeof SupplierSkuParams.static; Body: typeof SupplierProductBody.static }>(
      '/api/v1/suppliers/:id/products/:sku',
      { config: { role: 'manager' }, schema: { tags, params: SupplierSkuParams, body: SupplierProductBody } },
      async (request, reply) =>
        sendResult(
          request,
          reply,
          purchasing.setSupplierProduct(request.params.id, { sku: request.params.sku, ...request.body }),
        ),
    );

    app.get<{ Querystring: typeof OrdersQuery.static }>(
      '/api/v1/purchase-orders',
      { config: { role: 'supervisor' }, schema: { tags, querystring: OrdersQuery } },
      async (request) => ({
        ok: true,
        data: purchasing.orders({
          ...(request.query.status ? { status: request.query.status as never } : {}),
          limit: request.query.limit,
        }),
      }),
    );
    app.post<{ Body: typeof OrderBody.static }>(
      '/api/v1/purchase-orders',
      { config: { role: 'manager' }, schema: { tags, body: OrderBody } },
      async (request, reply) =>
        sendResult(request, reply, purchasing.createOrder(request.session!.username, request.body), 201),
    );
    app.get<{ Params: typeof IdParams.static }>(
      '/api/v1/purchase-orders/:id',
      { config: { role: 'supervisor' }, schema: { tags, params: IdParams } },
      async (request, reply) => {
        const po = purchasing.order(request.params.id);
        return po ? sendResult(request, reply, ok(po)) : sendError(request, reply, 'PURCHASE_ORDER_NOT_FOUND', 'id');
      },
    );
    for (const to of ['sent', 'closed'] as const)
      app.post<{ Params: typeof IdParams.static }>(
        `/api/v1/purchase-orders/:id/${to === 'sent' ? 'send' : 'close'}`,
        { config: { role: 'manager' }, schema: { tags, params: IdParams } },
        async (request, reply) =>
          sendResult(request, reply, purchasing.transition(request.session!.username, request.params.id, to)),
      );

    app.post<{ Body: typeof StocktakeBody.static }>(
      '/api/v1/stocktakes',
      { config: { role: 'supervisor' }, schema: { tags, body: StocktakeBody } },
      async (request, reply) =>
        sendResult(request, reply, stocktakes.start(request.session!.username, request.body.categoryPrefix), 201),
    );
    app.get<{ Params: typeof IdParams.static }>(
      '/api/v1/stocktakes/:id',
      { config: { role: 'cashier' }, schema: { tags, params: IdParams } },
      async (request, reply) => {
        const s = stocktakes.view(request.params.id);
        return s ? sendResult(request, reply, ok(s)) : sendError(request, reply, 'STOCKTAKE_NOT_FOUND', 'id');
      },
    );
    app.post<{ Params: typeof IdParams.static; Body: typeof CountBody.static }>(
      '/api/v1/stocktakes/:id/counts',
      // counts add up: a retried scan must not count twice
      { config: { role: 'cashier', idempotent: 'required' }, schema: { tags, params: IdParams, body: CountBody } },
      async (request, reply) =>
        sendResult(request, reply, stocktakes.count(request.session!.username, request.params.id, request.body), 201),
    );
    app.post<{ Params: typeof IdParams.static; Body: typeof PostBody.static }>(
      '/api/v1/stocktakes/:id/post',
      { config: { role: 'cashier' }, schema: { tags, params: IdParams, body: PostBody } },
      async (request, reply) =>
        sendResult(
          request,
          reply,
          stocktakes.post(
            { username: request.session!.username, role: request.session!.role },
            request.params.id,
            request.body.reason,
          ),
        ),
    );
  };
}
