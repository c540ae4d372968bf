import type { Product } from '../../core/catalog/index.ts';
import { quantityProblem } from '../../core/inventory/stock-movement.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { StoreContext } from '../store-context.ts';

/** A product named by SKU, or by a scanned barcode; `field` names the input for the refusal. */
export function stockProduct(
  ctx: StoreContext,
  code: { sku?: string; barcode?: string },
  field: string,
  { allowRetired = false } = {},
): Result<Product> {
  const sku = code.sku ?? (code.barcode !== undefined ? ctx.repos.products.skuOfBarcode(code.barcode) : undefined);
  const product = sku !== undefined ? ctx.repos.products.get(sku) : undefined;
  if (!product)
    return err('INVENTORY_UNKNOWN_PRODUCT', `${field}.${code.sku !== undefined ? 'sku' : 'barcode'}`, {
      sku: code.sku ?? code.barcode ?? '',
    });
  if (product.status !== 'active' && !allowRetired)
    return err('INVENTORY_PRODUCT_RETIRED', `${field}.sku`, { sku: product.sku });
  return ok(product);
}

/** Refuses a negative, zero (unless a count) or fractional quantity: units, or whole grams for weighed goods. */
export function stockQuantity(quantity: number, field: string, allowZero = false): Result<number> {
  return quantityProblem(quantity, allowZero) ? err('INVENTORY_QUANTITY_INVALID', `${field}.quantity`) : ok(quantity);
}
