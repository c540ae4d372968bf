import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { isBusinessDate } from '../../../app/reconciliation/business-day.ts';
import type { ReconciliationService } from '../../../app/reconciliation/reconciliation-service.ts';
import { RESOLUTION_ACTIONS } from '../../../app/reconciliation/resolve-anomaly.ts';
import { STATEMENT_CHANNELS } from '../../../core/reconciliation/index.ts';
import { ok } from '../../../core/result.ts';
import { localeOf, sendError, sendResult, withWarningMessages } from '../reply.ts';

const Channel = Type.Union(STATEMENT_CHANNELS.map((c) => Type.Literal(c)));
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const RunBody = Type.Object({ date: Day, channel: Type.Optional(Channel) }, { additionalProperties: false });
const ReportQuery = Type.Object({ date: Day, channel: Type.Optional(Channel) }, { additionalProperties: false });
const AnomalyQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('resolved')])),
    date: Type.Optional(Day),
    channel: Type.Optional(Channel),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
  },
  { additionalProperties: false },
);
const ResolveBody = Type.Object(
  {
    action: Type.Union(RESOLUTION_ACTIONS.map((a) => Type.Literal(a))),
    note: Type.String({ minLength: 1, maxLength: 1000 }),
    /** attach_to_sale: the sale the payment belongs to */
    saleId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 512 }) });

/** Reconciliation runs, day reports and anomaly resolution (manager). */
export function reconciliationRoutes(reconciliation: ReconciliationService) {
  return async (app: FastifyInstance) => {
    app.post<{ Body: typeof RunBody.static }>(
      '/api/v1/reconciliation/run',
      { config: { role: 'manager' }, schema: { tags: ['reconciliation'], body: RunBody } },
      async (request, reply) => {
        if (!isBusinessDate(request.body.date))
          return sendError(request, reply, 'VALIDATION_FAILED', 'date', { reason: 'is not a calendar date' });
        const runs = await reconciliation.reconcile({
          date: request.body.date,
          actor: request.session!.username,
          ...(request.body.channel ? { channel: request.body.channel } : {}),
        });
        const locale = localeOf(request);
        return { ok: true, data: { runs: runs.map((r) => withWarningMessages(r, locale)) } };
      },
    );

    app.get<{ Querystring: typeof ReportQuery.static }>(
      '/api/v1/reconciliation',
      { config: { role: 'manager' }, schema: { tags: ['reconciliation'], querystring: ReportQuery } },
      async (request, reply) => {
        const report = reconciliation.report(request.query.date, request.query.channel);
        if (!report.ok) return sendResult(request, reply, report);
        const locale = localeOf(request);
        const channels = report.value.channels.map((c) => withWarningMessages(c, locale));
        return sendResult(request, reply, ok({ ...report.value, channels }));
      },
    );

    app.get<{ Querystring: typeof AnomalyQuery.static }>(
      '/api/v1/reconciliation/anomalies',
      { config: { role: 'manager' }, schema: { tags: ['reconciliation'], querystring: AnomalyQuery } },
      async (request) => ({ ok: true, data: reconciliation.anomalies(request.query) }),
    );

    app.post<{ Params: typeof IdParams.static; Body: typeof ResolveBody.static }>(
      '/api/v1/reconciliation/anomalies/:id/resolve',
      { config: { role: 'manager' }, schema: { tags: ['reconciliation'], params: IdParams, body: ResolveBody } },
      async (request, reply) =>
        sendResult(
          request,
          reply,
          await reconciliation.resolve({
            anomalyId: request.params.id,
            ...request.body,
            actor: request.session!.username,
          }),
        ),
    );
  };
}
