import { catalogImportRoutes } from '../adapters/http/routes/catalog-import.routes.ts';
import { productsRoutes } from '../adapters/http/routes/products.routes.ts';
import { CatalogRefresher } from '../app/catalog/catalog-refresher.ts';
import { CatalogService } from '../app/catalog/catalog-service.ts';
import type { BoxContext } from './store-context.ts';
import type { Feature } from './feature.ts';

export type CatalogFeature = Feature & { readonly catalog: CatalogService };

/** The catalog (docs/catalog.md): products, barcodes, the import and the in-memory lookup with its refresher. */
export function catalogFeature(ctx: BoxContext): CatalogFeature {
  const catalog = new CatalogService(ctx.repos.products, ctx.repos.store);
  return {
    name: 'catalog',
    catalog,
    services: [new CatalogRefresher(catalog, ctx.log)],
    routes: [productsRoutes(ctx, catalog), catalogImportRoutes(ctx, catalog)],
  };
}
