import type { LaneRequest } from '../../contracts/lane/lane-messages.schema.ts';
import { classifyScannedCode, type LineMeasure, type Product } from '../../core/catalog/index.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { CatalogService } from '../catalog/catalog-service.ts';

/**
 * What a scan adds: the product and how much of it. A label-scale code carries its weight or price
 * (a quantity or weight sent with it is refused);
 * weighed goods take the weight sent with the scan, else the lane scale's stable weight; counted
 * goods take a quantity (default 1) and refuse a weight.
 */
export function resolveScan(
  catalog: CatalogService,
  scan: LaneRequest<'cart.scan'>,
  scaleWeight: () => number | undefined,
): Result<{ product: Product; measure: LineMeasure }> {
  const scanned = classifyScannedCode(scan.code, catalog.layouts());
  if (!scanned.ok) return scanned;
  const match = catalog.index().resolve(scanned.value);
  if (!match.ok) return match;
  const { product, embedded } = match.value;
  // the label already says how much: a quantity or weight sent with it is refused, as the quote does
  if (embedded && (scan.quantity !== undefined || scan.weightGrams !== undefined))
    return err('CATALOG_INVALID_QUANTITY', scan.quantity !== undefined ? 'quantity' : 'weightGrams');
  if (embedded && 'priceFen' in embedded)
    return ok({ product, measure: { kind: 'embeddedPrice', priceFen: embedded.priceFen } });
  if (embedded && 'weightGrams' in embedded)
    return ok({ product, measure: { kind: 'weight', grams: embedded.weightGrams } });
  if (product.unit === 'kg') {
    const grams = scan.weightGrams ?? scaleWeight();
    return grams === undefined
      ? err('CATALOG_WEIGHT_REQUIRED', 'weightGrams', { sku: product.sku })
      : ok({ product, measure: { kind: 'weight', grams } });
  }
  if (scan.weightGrams !== undefined) return err('CATALOG_NOT_WEIGHED', 'weightGrams', { sku: product.sku });
  return ok({ product, measure: { kind: 'count', count: scan.quantity ?? 1 } });
}
