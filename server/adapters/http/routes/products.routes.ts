import type { FastifyInstance } from 'fastify';
import type { CatalogService } from '../../../app/catalog/catalog-service.ts';
import { categoryTree } from '../../../app/catalog/category-tree.ts';
import { createProduct, deactivateProduct, updateProduct } from '../../../app/catalog/manage-products.ts';
import type { StoreContext } from '../../../app/store-context.ts';
import {
  ProductBodySchema,
  ProductSearchQuerySchema,
  SkuParamsSchema,
} from '../../../contracts/catalog/product-routes.schema.ts';
import type { Product } from '../../../core/catalog/index.ts';
import { err, ok, type Result } from '../../../core/result.ts';
import { sendResult } from '../reply.ts';

type SkuRoute = { Params: typeof SkuParamsSchema.static };

/** Products and categories: any staff reads, a manager changes (each change audited, the lanes' index reloaded at once). */
export function productsRoutes(ctx: StoreContext, catalog: CatalogService) {
  // the refresher would pick the change up within a second; a console reading back its own edit should not wait
  const reloaded = (r: Result<Product>) => {
    if (r.ok) catalog.refresh();
    return r;
  };
  return async (app: FastifyInstance) => {
    const tags = ['catalog'];
    app.get<{ Querystring: typeof ProductSearchQuerySchema.static }>(
      '/api/v1/products',
      { schema: { tags, querystring: ProductSearchQuerySchema } },
      async (request) => {
        const { q, page, pageSize } = request.query;
        const found = ctx.repos.products.search(q?.trim() || undefined, page, pageSize);
        return { ok: true, data: { ...found, page, pageSize } };
      },
    );
    app.get<SkuRoute>(
      '/api/v1/products/:sku',
      { schema: { tags, params: SkuParamsSchema } },
      async (request, reply) => {
        const product = ctx.repos.products.get(request.params.sku);
        return sendResult(
          request,
          reply,
          product ? ok(product) : err('PRODUCT_NOT_FOUND', 'sku', { sku: request.params.sku }),
        );
      },
    );
    app.post(
      '/api/v1/products',
      { config: { role: 'manager' }, schema: { tags, body: ProductBodySchema } },
      async (request, reply) =>
        sendResult(request, reply, reloaded(createProduct(ctx, request.session!.username, request.body)), 201),
    );
    app.put<SkuRoute & { Body: Record<string, unknown> }>(
      '/api/v1/products/:sku',
      { config: { role: 'manager' }, schema: { tags, params: SkuParamsSchema, body: ProductBodySchema } },
      async (request, reply) =>
        sendResult(
          request,
          reply,
          reloaded(updateProduct(ctx, request.session!.username, request.params.sku, request.body)),
        ),
    );
    app.delete<SkuRoute>(
      '/api/v1/products/:sku',
      { config: { role: 'manager' }, schema: { tags, params: SkuParamsSchema } },
      async (request, reply) =>
        sendResult(request, reply, reloaded(deactivateProduct(ctx, request.session!.username, request.params.sku))),
    );
    app.get('/api/v1/categories', { schema: { tags } }, async () => ({
      ok: true,
      data: categoryTree(ctx.repos.products.categoryCounts()),
    }));
  };
}
