import { lineGross, type LineMeasure } from '../../core/catalog/index.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Cart } from '../../core/sale/cart.ts';
import type { CatalogService } from '../catalog/catalog-service.ts';

/** A parked cart keeps SKUs and measures, not products: prices are those of the moment it is resumed. */
export type ParkedCart = Omit<Cart, 'items'> & {
  items: Array<{ lineId: string; sku: string; measure: LineMeasure; unitPriceOverrideFen?: number }>;
};

export function serializeCart(cart: Cart): ParkedCart {
  return {
    ...cart,
    items: cart.items.map((i) => ({
      lineId: i.lineId,
      sku: i.product.sku,
      measure: i.measure,
      ...(i.unitPriceOverrideFen === undefined ? {} : { unitPriceOverrideFen: i.unitPriceOverrideFen }),
    })),
  };
}

export function deserializeCart(stored: unknown, catalog: CatalogService): Result<Cart> {
  const parked = stored as ParkedCart;
  const items: Cart['items'][number][] = [];
  for (const i of parked.items) {
    const product = catalog.index().bySku(i.sku);
    if (!product) return err('CATALOG_UNKNOWN_BARCODE', 'sku', { code: i.sku });
    // a cart parked before a line was refused at scan time (a 0 g label) must not come back unpriceable
    const gross = lineGross(product, i.measure);
    if (!gross.ok) return err(gross.code, 'parkedId', { ...gross.params, sku: i.sku });
    items.push({
      lineId: i.lineId,
      product,
      measure: i.measure,
      ...(i.unitPriceOverrideFen === undefined ? {} : { unitPriceOverrideFen: i.unitPriceOverrideFen }),
    });
  }
  return ok({ ...parked, items, tenders: [], totaled: false });
}
