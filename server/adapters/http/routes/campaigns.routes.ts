import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { SegmentQuerySchema } from '../../../contracts/loyalty/index.ts';
import { campaignReport, startCampaign } from '../../../app/loyalty/campaigns.ts';
import type { Loyalty } from '../../../app/loyalty/loyalty.ts';
import { sendResult } from '../reply.ts';

const Start = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
    name: Type.String({ minLength: 1, maxLength: 64 }),
    segment: SegmentQuerySchema,
    holdoutBp: Type.Integer({ minimum: 0, maximum: 5000 }),
    action: Type.Union([
      Type.Object(
        { kind: Type.Literal('coupon'), templateId: Type.String({ minLength: 1, maxLength: 64 }) },
        { additionalProperties: false },
      ),
      Type.Object(
        { kind: Type.Literal('double-points'), multiplierBp: Type.Integer({ minimum: 10_001, maximum: 100_000 }) },
        { additionalProperties: false },
      ),
    ]),
    days: Type.Integer({ minimum: 1, maximum: 366 }),
  },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** Campaigns on a tag segment (wake-up coupons for 沉睡, double points), with hold-out and effect figures. */
export function campaignsRoutes(l: Loyalty) {
  return async (app: FastifyInstance) => {
    app.post<{ Body: typeof Start.static }>(
      '/api/v1/campaigns',
      { config: { role: 'manager' }, schema: { tags: ['campaigns'], body: Start } },
      async (request, reply) =>
        sendResult(request, reply, await startCampaign(l, request.body, request.session!.username), 201),
    );
    app.get('/api/v1/campaigns', { config: { role: 'manager' }, schema: { tags: ['campaigns'] } }, async () => ({
      ok: true,
      data: l.stores.campaigns.list(),
    }));
    app.get<{ Params: typeof IdParams.static }>(
      '/api/v1/campaigns/:id/effect',
      { config: { role: 'manager' }, schema: { tags: ['campaigns'], params: IdParams } },
      async (request, reply) => sendResult(request, reply, campaignReport(l, request.params.id)),
    );
  };
}
