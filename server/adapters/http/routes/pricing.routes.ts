import type { FastifyInstance } from 'fastify';
import { quoteBasket, type QuoteDeps } from '../../../app/promotions/quote-basket.ts';
import { QuoteRequestSchema, type QuoteRequest } from '../../../contracts/catalog/quote-request.schema.ts';
import { sendResult } from '../reply.ts';

/** POST /api/v1/pricing/quote: any staff prices a basket as a lane would; the reply is the lane's cart view. */
export function pricingRoutes(deps: QuoteDeps) {
  return async (app: FastifyInstance) => {
    app.post<{ Body: QuoteRequest }>(
      '/api/v1/pricing/quote',
      { schema: { tags: ['pricing'], body: QuoteRequestSchema } },
      async (request, reply) => sendResult(request, reply, quoteBasket(deps, request.session!.username, request.body)),
    );
  };
}
