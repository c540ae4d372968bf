import { lineGross, type LineGrossErrorCode, type LineMeasure } from './line-gross.ts';
import type { Product } from './product.ts';
import { ok, type Result } from '../result.ts';

/**
 * One scanned line, already grossed by `lineGross`: the pricing engine's input line. Wire schema:
 * CartLineSchema in server/contracts/pricing/pricing-request.schema.ts (kept equal at compile time).
 */
export type CartLine = {
  lineId: string;
  sku: string;
  categoryPath: string;
  unit: 'each' | 'kg';
  /** count for each; grams for kg (0 when a label scale printed only the price) */
  quantity: number;
  /** fen per unit, or per kg */
  unitPriceFen: number;
  grossFen: number;
  taxRateBp: number;
};

/** A pricing line from a catalog product and what was scanned or weighed (gross by core/catalog lineGross). */
export function cartLine(lineId: string, product: Product, measure: LineMeasure): Result<CartLine, LineGrossErrorCode> {
  const gross = lineGross(product, measure);
  if (!gross.ok) return gross;
  const quantity =
    measure.kind === 'count'
      ? measure.count
      : measure.kind === 'weight'
        ? measure.grams
        : product.unit === 'each'
          ? 1
          : 0;
  return ok({
    lineId,
    sku: product.sku,
    categoryPath: product.categoryPath,
    // a label-scale price line of a counted product is one unit at the printed price
    unit: product.unit,
    quantity,
    unitPriceFen: measure.kind === 'embeddedPrice' && product.unit === 'each' ? measure.priceFen : product.priceFen,
    grossFen: gross.value,
    taxRateBp: product.taxRateBp,
  });
}
