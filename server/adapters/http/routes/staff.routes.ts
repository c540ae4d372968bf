import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { createStaff, updateStaff } from '../../../app/staff/manage-staff.ts';
import type { StoreContext } from '../../../app/store-context.ts';
import { ROLES } from '../../../core/staff/role.ts';
import { sendResult } from '../reply.ts';

const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));
const CreateStaff = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
    displayName: Type.String({ minLength: 1, maxLength: 64 }),
    role: RoleSchema,
    password: Type.String({ minLength: 8, maxLength: 256 }),
  },
  { additionalProperties: false },
);
const UpdateStaff = Type.Object(
  {
    role: Type.Optional(RoleSchema),
    active: Type.Optional(Type.Boolean()),
    password: Type.Optional(Type.String({ minLength: 8, maxLength: 256 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export function staffRoutes(ctx: StoreContext) {
  return async (app: FastifyInstance) => {
    app.get('/api/v1/staff', { config: { role: 'manager' }, schema: { tags: ['staff'] } }, async () => ({
      ok: true,
      data: ctx.repos.staff.list(),
    }));
    app.post<{ Body: typeof CreateStaff.static }>(
      '/api/v1/staff',
      { config: { role: 'admin' }, schema: { tags: ['staff'], body: CreateStaff } },
      async (request, reply) =>
        sendResult(request, reply, await createStaff(ctx, request.session!.username, request.body), 201),
    );
    app.patch<{ Body: typeof UpdateStaff.static; Params: typeof IdParams.static }>(
      '/api/v1/staff/:id',
      { config: { role: 'admin' }, schema: { tags: ['staff'], params: IdParams, body: UpdateStaff } },
      async (request, reply) =>
        sendResult(request, reply, await updateStaff(ctx, request.session!.username, request.params.id, request.body)),
    );
  };
}
