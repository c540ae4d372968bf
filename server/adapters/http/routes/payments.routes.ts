import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { PaymentRepository } from '../../sqlite/payment.repository.ts';
import { paymentView } from '../../../app/payments/payment-view.ts';
import type { QrPayments } from '../../../app/payments/qr-payments.ts';
import { PAYMENT_STATUSES } from '../../../core/payments/index.ts';
import { sendError } from '../reply.ts';

const ListQuery = Type.Object(
  {
    status: Type.Optional(Type.Union(PAYMENT_STATUSES.map((s) => Type.Literal(s)))),
    orphan: Type.Optional(Type.Boolean({ description: 'true: only 支付成功但未出单 payments' })),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
  },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{32}$' }) });

/** QR payments for the console and reconciliation: list (orphans too), one with its state history, settle now. */
export function paymentsRoutes(payments: QrPayments, repo: PaymentRepository) {
  return async (app: FastifyInstance) => {
    app.get<{ Querystring: typeof ListQuery.static }>(
      '/api/v1/payments',
      { config: { role: 'supervisor' }, schema: { tags: ['payments'], querystring: ListQuery } },
      async (request) => ({
        ok: true,
        data: repo.list(request.query).map(paymentView),
      }),
    );
    app.get<{ Params: typeof IdParams.static }>(
      '/api/v1/payments/:id',
      { config: { role: 'supervisor' }, schema: { tags: ['payments'], params: IdParams } },
      async (request, reply) => {
        const p = repo.byId(request.params.id);
        if (!p) return sendError(request, reply, 'PAYMENT_NOT_FOUND', 'id');
        return {
          ok: true,
          data: {
            ...paymentView(p),
            laneId: p.laneId,
            cashier: p.cashier,
            requestedAt: p.requestedAt,
            authCode: p.authCodeMasked,
            events: repo.events(p.id),
          },
        };
      },
    );
    // settles now what the periodic recovery would settle later (payments left pending or unknown)
    app.post('/api/v1/payments/recover', { config: { role: 'manager' }, schema: { tags: ['payments'] } }, async () => ({
      ok: true,
      data: await payments.recover(),
    }));
  };
}
