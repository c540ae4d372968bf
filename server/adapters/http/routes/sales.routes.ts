import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { PaymentRepository } from '../../sqlite/payment.repository.ts';
import type { RefundRepository } from '../../sqlite/refund.repository.ts';
import type { ReturnService } from '../../../app/returns/return-service.ts';
import type { StoreContext } from '../../../app/store-context.ts';
import { storeLocalTime } from '../../../app/store-time.ts';
import { sendError } from '../reply.ts';

const FindQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: 128,
      description: 'receipt number (小票号) or e-receipt id (sale id, or the sb:receipt: QR text)',
    }),
  },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const DayQuery = Type.Object(
  {
    date: Type.Optional(
      Type.String({
        pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
        description: 'business date; default: today in the store time zone',
      }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  },
  { additionalProperties: false },
);

/**
 * Finding a sale for a return and reading it whole: lines with every stored discount share, how
 * much of each line is already returned, tenders (card auth code, the QR payment), refunds.
 */
export function salesRoutes(
  ctx: StoreContext,
  returns: ReturnService,
  refunds: RefundRepository,
  payments: PaymentRepository,
) {
  const detail = (saleId: string) => {
    const sale = ctx.repos.sales.byId(saleId);
    if (!sale) return undefined;
    const shares = refunds.saleDiscounts(sale.id);
    const returned = refunds.returnedQuantities(sale.id);
    return {
      ...sale,
      lines: ctx.repos.sales.lines(sale.id).map((l) => ({
        ...l,
        returnedQuantity: returned.get(l.lineNo) ?? 0,
        discounts: shares.filter((d) => d.lineNo === l.lineNo).map(({ lineNo: _, ...d }) => d),
      })),
      tenders: refunds.saleTenders(sale.id).map((t) => {
        const p = payments.byId(t.id);
        return p ? { ...t, payment: { channel: p.channel, channelTxnId: p.channelTxnId, paidAt: p.paidAt } } : t;
      }),
      refunds: refunds.bySale(sale.id).map(({ receipt: _, ...r }) => ({ ...r, tenders: refunds.tenders(r.id) })),
    };
  };
  return async (app: FastifyInstance) => {
    // a business date's sales, totals by lane and tender kind (the console's "today")
    app.get<{ Querystring: typeof DayQuery.static }>(
      '/api/v1/sales/day',
      { config: { role: 'manager' }, schema: { tags: ['sales'], querystring: DayQuery } },
      async (request) => {
        const date = request.query.date ?? storeLocalTime(ctx.clock.now(), ctx.repos.store.get()!.timezone).date;
        return { ok: true, data: ctx.repos.sales.dayReport(date, request.query.limit) };
      },
    );
    app.get<{ Querystring: typeof FindQuery.static }>(
      '/api/v1/sales',
      { config: { role: 'cashier' }, schema: { tags: ['sales'], querystring: FindQuery } },
      async (request, reply) => {
        const sale = returns.findSale(request.query.q.trim());
        return sale ? { ok: true, data: detail(sale.id) } : sendError(request, reply, 'SALE_NOT_FOUND', 'q');
      },
    );
    app.get<{ Params: typeof IdParams.static }>(
      '/api/v1/sales/:id',
      { config: { role: 'cashier' }, schema: { tags: ['sales'], params: IdParams } },
      async (request, reply) => {
        const d = detail(request.params.id);
        return d ? { ok: true, data: d } : sendError(request, reply, 'SALE_NOT_FOUND', 'id');
      },
    );
  };
}
