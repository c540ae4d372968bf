import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { ReturnService } from '../../../app/returns/return-service.ts';
import { sendError, sendResult } from '../reply.ts';

const Supervisor = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);
const CreateReturn = Type.Object(
  {
    refundId: Type.String({
      pattern: '^[0-9a-f]{32}$',
      description: 'made by the caller before sending (a UUID without dashes); a retry sends the same',
    }),
    saleId: Type.String({ minLength: 1, maxLength: 64 }),
    lines: Type.Array(
      Type.Object(
        {
          lineNo: Type.Integer({ minimum: 1 }),
          quantity: Type.Integer({
            minimum: 1,
            maximum: 100_000,
            description: 'count, or grams for goods sold by weight',
          }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
    refundTo: Type.Optional(
      Type.Union([Type.Literal('original'), Type.Literal('cash'), Type.Literal('stored_value')], {
        description:
          'original tenders (default); cash or stored value need a supervisor, so does any refund above the store setting refundSupervisorAboveFen (default 0)',
      }),
    ),
    reason: Type.Optional(Type.String({ maxLength: 200 })),
    exchangeSaleId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'an exchange: the new sale the customer took instead' }),
    ),
    supervisor: Type.Optional(Supervisor),
  },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{32}$' }) });

/** Returns and exchanges: create (idempotent by refundId), read one with its lines and refund tenders. */
export function returnsRoutes(returns: ReturnService) {
  return async (app: FastifyInstance) => {
    app.post<{ Body: typeof CreateReturn.static }>(
      '/api/v1/returns',
      { config: { role: 'cashier' }, schema: { tags: ['returns'], body: CreateReturn } },
      async (request, reply) => {
        const session = request.session!;
        const result = await returns.createReturn(
          { username: session.username, laneId: session.laneId ?? null, role: session.role },
          request.body,
        );
        return sendResult(request, reply, result, result.ok && result.value.replayed ? 200 : 201);
      },
    );
    app.get<{ Params: typeof IdParams.static }>(
      '/api/v1/returns/:id',
      { config: { role: 'cashier' }, schema: { tags: ['returns'], params: IdParams } },
      async (request, reply) => {
        const r = returns.view(request.params.id);
        return r ? { ok: true, data: r } : sendError(request, reply, 'RETURN_NOT_FOUND', 'id');
      },
    );
  };
}
