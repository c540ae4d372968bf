import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  groupBySupplier,
  MAX_LINES_PER_READ,
  type ReplenishmentService,
} from '../../../app/inventory/replenishment-service.ts';
import { ok } from '../../../core/result.ts';
import { sendError, sendResult } from '../reply.ts';

const Flag = Type.Union([Type.Literal('negative'), Type.Literal('dead'), Type.Literal('slow')]);
const LatestQuery = Type.Object(
  { limit: Type.Integer({ minimum: 1, maximum: MAX_LINES_PER_READ, default: 1000 }) },
  { additionalProperties: false },
);
const StockQuery = Type.Object(
  { flag: Flag, limit: Type.Integer({ minimum: 1, maximum: MAX_LINES_PER_READ, default: 1000 }) },
  { additionalProperties: false },
);
const ExportQuery = Type.Object(
  { format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]) },
  { additionalProperties: false },
);
const SkuParams = Type.Object({ sku: Type.String({ minLength: 1, maxLength: 64 }) });
const SupplyBody = Type.Object(
  {
    supplierId: Type.String({ minLength: 1, maxLength: 64 }),
    supplierName: Type.String({ minLength: 1, maxLength: 100 }),
    leadTimeDays: Type.Integer({ minimum: 0, maximum: 365 }),
    packSize: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    minOrder: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
    costFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
  },
  { additionalProperties: false },
);

const CONTENT_TYPE = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Replenishment suggestions (manager): run, the latest run's draft purchase orders, flagged stock, export, supply terms. */
export function replenishmentRoutes(replenishment: ReplenishmentService) {
  return async (app: FastifyInstance) => {
    const tags = ['replenishment'];
    app.post('/api/v1/replenishment/run', { config: { role: 'manager' }, schema: { tags } }, async (request) => ({
      ok: true,
      data: { run: await replenishment.run(request.session!.username) },
    }));

    app.get<{ Querystring: typeof LatestQuery.static }>(
      '/api/v1/replenishment/latest',
      { config: { role: 'manager' }, schema: { tags, querystring: LatestQuery } },
      async (request, reply) => {
        const latest = replenishment.latest({ suggestedOnly: true, limit: request.query.limit });
        if (!latest.ok) return sendResult(request, reply, latest);
        const { run, lines, truncated } = latest.value;
        return sendResult(request, reply, ok({ run, truncated, purchaseOrders: groupBySupplier(lines) }));
      },
    );

    app.get<{ Querystring: typeof StockQuery.static }>(
      '/api/v1/replenishment/latest/stock',
      { config: { role: 'manager' }, schema: { tags, querystring: StockQuery } },
      async (request, reply) => sendResult(request, reply, replenishment.latest(request.query)),
    );

    app.get<{ Querystring: typeof ExportQuery.static }>(
      '/api/v1/replenishment/latest/export',
      { config: { role: 'manager' }, schema: { tags, querystring: ExportQuery } },
      async (request, reply) => {
        const out = await replenishment.export({ format: request.query.format });
        if (!out.ok) return sendError(request, reply, out.code);
        return reply
          .header('content-type', CONTENT_TYPE[request.query.format])
          .header('content-disposition', `attachment; filename="replenishment-${out.asOf}.${request.query.format}"`)
          .send(Buffer.from(out.bytes.buffer, out.bytes.byteOffset, out.bytes.byteLength));
      },
    );

    app.put<{ Params: typeof SkuParams.static; Body: typeof SupplyBody.static }>(
      '/api/v1/replenishment/supply/:sku',
      { config: { role: 'manager' }, schema: { tags, params: SkuParams, body: SupplyBody } },
      async (request, reply) =>
        sendResult(
          request,
          reply,
          replenishment.setSupply(
            { sku: request.params.sku, ...request.body, costFen: request.body.costFen ?? null },
            request.session!.username,
          ),
        ),
    );
  };
}
