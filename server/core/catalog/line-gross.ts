import { mulDivHalfUp, type Fen } from '../money/index.ts';
import { err, ok, type Result } from '../result.ts';
import type { Product } from './product.ts';

/** How much of a product a line holds: a count, a weight from the scale, or a price printed by a label scale. */
export type LineMeasure =
  | { readonly kind: 'count'; readonly count: number }
  | { readonly kind: 'weight'; readonly grams: number }
  | { readonly kind: 'embeddedPrice'; readonly priceFen: Fen };

export type LineGrossErrorCode = 'CATALOG_INVALID_QUANTITY' | 'CATALOG_WEIGHT_REQUIRED' | 'CATALOG_NOT_WEIGHED';

/**
 * A line's gross before any promotion: each → priceFen × count; kg → priceFen × grams / 1000 half-up
 * to the fen; a label-scale price barcode → the embedded price as printed (the scale already rounded it).
 */
export function lineGross(product: Product, measure: LineMeasure): Result<Fen, LineGrossErrorCode> {
  switch (measure.kind) {
    case 'count':
      if (!Number.isSafeInteger(measure.count) || measure.count < 1) return err('CATALOG_INVALID_QUANTITY', 'count');
      if (product.unit === 'kg') return err('CATALOG_WEIGHT_REQUIRED', 'count', { sku: product.sku });
      return ok(product.priceFen * measure.count);
    case 'weight':
      if (!Number.isSafeInteger(measure.grams) || measure.grams < 1) return err('CATALOG_INVALID_QUANTITY', 'grams');
      if (product.unit !== 'kg') return err('CATALOG_NOT_WEIGHED', 'grams', { sku: product.sku });
      return ok(mulDivHalfUp(product.priceFen, measure.grams, 1000));
    case 'embeddedPrice':
      if (!Number.isSafeInteger(measure.priceFen) || measure.priceFen < 0)
        return err('CATALOG_INVALID_QUANTITY', 'priceFen');
      return ok(measure.priceFen);
  }
}
