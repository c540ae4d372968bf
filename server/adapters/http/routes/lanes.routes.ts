import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { createLane, renameLane, retireLane } from '../../../app/lanes/manage-lanes.ts';
import type { StoreContext } from '../../../app/store-context.ts';
import { sendResult } from '../reply.ts';

// L01–L999: the id is printed in every receipt number (S001-L04-00000001)
const LaneId = Type.String({ pattern: '^L[0-9]{2,3}$', description: 'L followed by 2 or 3 digits, e.g. L04' });
// shown on the lane screen and the console; at least one non-blank character, trimmed
const LaneName = Type.String({ minLength: 1, maxLength: 32, pattern: '\\S' });
const CreateLane = Type.Object({ id: LaneId, name: LaneName }, { additionalProperties: false });
const RenameLane = Type.Object({ name: LaneName }, { additionalProperties: false });
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 16 }) });
const NoBody = Type.Optional(Type.Object({}, { additionalProperties: false }));

/**
 * GET /api/v1/lanes (any staff: the lane picker), POST /api/v1/lanes, PATCH /api/v1/lanes/:id and
 * POST /api/v1/lanes/:id/retire (manager; audited). docs/lanes.md.
 */
export function lanesRoutes(ctx: StoreContext) {
  return async (app: FastifyInstance) => {
    app.get('/api/v1/lanes', { schema: { tags: ['lanes'] } }, async () => ({ ok: true, data: ctx.repos.lanes.list() }));
    app.post<{ Body: typeof CreateLane.static }>(
      '/api/v1/lanes',
      { config: { role: 'manager' }, schema: { tags: ['lanes'], body: CreateLane } },
      async (request, reply) =>
        sendResult(request, reply, createLane(ctx, request.session!.username, request.body), 201),
    );
    app.patch<{ Params: typeof IdParams.static; Body: typeof RenameLane.static }>(
      '/api/v1/lanes/:id',
      { config: { role: 'manager' }, schema: { tags: ['lanes'], params: IdParams, body: RenameLane } },
      async (request, reply) =>
        sendResult(request, reply, renameLane(ctx, request.session!.username, request.params.id, request.body.name)),
    );
    app.post<{ Params: typeof IdParams.static }>(
      '/api/v1/lanes/:id/retire',
      { config: { role: 'manager' }, schema: { tags: ['lanes'], params: IdParams, body: NoBody } },
      async (request, reply) =>
        sendResult(request, reply, retireLane(ctx, request.session!.username, request.params.id)),
    );
  };
}
