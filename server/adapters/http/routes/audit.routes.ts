import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AuditAnchorStore } from '../../../app/ports/audit-anchor-store.port.ts';
import type { StoreContext } from '../../../app/store-context.ts';

const Query = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
    before: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export function auditRoutes(ctx: StoreContext, anchors: AuditAnchorStore) {
  return async (app: FastifyInstance) => {
    app.get<{ Querystring: typeof Query.static }>(
      '/api/v1/audit',
      { config: { role: 'manager' }, schema: { tags: ['audit'], querystring: Query } },
      async (request) => ({
        ok: true,
        data: ctx.repos.audit.list(request.query.limit, request.query.before),
      }),
    );
    app.get('/api/v1/audit/verify', { config: { role: 'manager' }, schema: { tags: ['audit'] } }, async () => ({
      ok: true,
      // checked against the anchors the database holds, as `storebox audit verify` does (docs/audit.md)
      data: ctx.repos.audit.verify(anchors.all()),
    }));
  };
}
