import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { ShiftService } from '../../../app/shifts/shift-service.ts';
import { ok } from '../../../core/result.ts';
import { sendError, sendResult } from '../reply.ts';

const Fen = (description: string) => Type.Integer({ minimum: 0, maximum: 100_000_000, description });
const OpenShift = Type.Object(
  {
    laneId: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: "default: the session's lane" })),
    floatFen: Fen('opening float (备用金)'),
  },
  { additionalProperties: false },
);
const Movement = Type.Object(
  {
    kind: Type.Union([Type.Literal('pay_in'), Type.Literal('pay_out')]),
    amountFen: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
    reason: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
const CloseShift = Type.Object(
  {
    counts: Type.Array(
      Type.Object(
        { denominationFen: Type.Integer({ minimum: 1 }), count: Type.Integer({ minimum: 0, maximum: 1_000_000 }) },
        { additionalProperties: false },
      ),
      { maxItems: 20, description: 'the drawer counted by denomination' },
    ),
  },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const ListQuery = Type.Object(
  {
    laneId: Type.Optional(Type.String({ maxLength: 32 })),
    cashier: Type.Optional(Type.String({ maxLength: 64 })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  },
  { additionalProperties: false },
);

/** Shifts: open with a float, pay-in/out, X report, close with a count (Z report). */
export function shiftsRoutes(shifts: ShiftService) {
  return async (app: FastifyInstance) => {
    app.post<{ Body: typeof OpenShift.static }>(
      '/api/v1/shifts',
      { config: { role: 'cashier' }, schema: { tags: ['shifts'], body: OpenShift } },
      async (request, reply) => {
        const laneId = request.body.laneId ?? request.session!.laneId;
        if (!laneId)
          return sendError(request, reply, 'VALIDATION_FAILED', 'laneId', {
            reason: 'is required outside a lane session',
          });
        return sendResult(request, reply, shifts.open(request.session!.username, laneId, request.body.floatFen), 201);
      },
    );
    app.get<{ Querystring: typeof ListQuery.static }>(
      '/api/v1/shifts',
      { config: { role: 'supervisor' }, schema: { tags: ['shifts'], querystring: ListQuery } },
      async (request) => ({ ok: true, data: shifts.list(request.query) }),
    );
    app.get<{ Params: typeof IdParams.static }>(
      '/api/v1/shifts/:id',
      { config: { role: 'cashier' }, schema: { tags: ['shifts'], params: IdParams } },
      async (request, reply) => {
        const s = shifts.get(request.params.id);
        return s ? sendResult(request, reply, ok(s)) : sendError(request, reply, 'SHIFT_NOT_FOUND', 'id');
      },
    );
    app.post<{ Params: typeof IdParams.static; Body: typeof Movement.static }>(
      '/api/v1/shifts/:id/cash-movements',
      { config: { role: 'cashier' }, schema: { tags: ['shifts'], params: IdParams, body: Movement } },
      async (request, reply) =>
        sendResult(
          request,
          reply,
          shifts.cashMovement(
            request.session!.username,
            request.params.id,
            request.body.kind,
            request.body.amountFen,
            request.body.reason,
          ),
          201,
        ),
    );
    app.get<{ Params: typeof IdParams.static }>(
      '/api/v1/shifts/:id/x-report',
      { config: { role: 'cashier' }, schema: { tags: ['shifts'], params: IdParams } },
      async (request, reply) => sendResult(request, reply, shifts.xReport(request.params.id)),
    );
    app.post<{ Params: typeof IdParams.static; Body: typeof CloseShift.static }>(
      '/api/v1/shifts/:id/close',
      { config: { role: 'cashier' }, schema: { tags: ['shifts'], params: IdParams, body: CloseShift } },
      async (request, reply) =>
        sendResult(request, reply, shifts.close(request.session!.username, request.params.id, request.body.counts)),
    );
  };
}
