import type { FastifyInstance } from 'fastify';
import {
  createPromotion,
  setPromotionActive,
  updatePromotion,
  type PromotionDeps,
} from '../../../app/promotions/manage-promotions.ts';
import { PromotionBodySchema, PromotionIdParamsSchema } from '../../../contracts/catalog/promotion-routes.schema.ts';
import { err, ok } from '../../../core/result.ts';
import { sendResult } from '../reply.ts';

type IdRoute = { Params: typeof PromotionIdParamsSchema.static };

/** Promotions: any staff reads; a manager creates, changes, activates and deactivates (audited; pricing recompiles). */
export function promotionsRoutes(deps: PromotionDeps) {
  const { ctx } = deps;
  return async (app: FastifyInstance) => {
    const tags = ['promotions'];
    const manager = { role: 'manager' as const };
    app.get('/api/v1/promotions', { schema: { tags } }, async () => ({ ok: true, data: ctx.repos.promotions.list() }));
    app.get<IdRoute>(
      '/api/v1/promotions/:id',
      { schema: { tags, params: PromotionIdParamsSchema } },
      async (request, reply) => {
        const found = ctx.repos.promotions.get(request.params.id);
        return sendResult(
          request,
          reply,
          found ? ok(found) : err('PROMOTION_NOT_FOUND', 'id', { id: request.params.id }),
        );
      },
    );
    app.post(
      '/api/v1/promotions',
      { config: manager, schema: { tags, body: PromotionBodySchema } },
      async (request, reply) =>
        sendResult(request, reply, createPromotion(deps, request.session!.username, request.body), 201),
    );
    app.put<IdRoute>(
      '/api/v1/promotions/:id',
      { config: manager, schema: { tags, params: PromotionIdParamsSchema, body: PromotionBodySchema } },
      async (request, reply) =>
        sendResult(request, reply, updatePromotion(deps, request.session!.username, request.params.id, request.body)),
    );
    app.post<IdRoute>(
      '/api/v1/promotions/:id/deactivate',
      { config: manager, schema: { tags, params: PromotionIdParamsSchema } },
      async (request, reply) =>
        sendResult(request, reply, setPromotionActive(deps, request.session!.username, request.params.id, false)),
    );
    app.post<IdRoute>(
      '/api/v1/promotions/:id/activate',
      { config: manager, schema: { tags, params: PromotionIdParamsSchema } },
      async (request, reply) =>
        sendResult(request, reply, setPromotionActive(deps, request.session!.username, request.params.id, true)),
    );
  };
}
