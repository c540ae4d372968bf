import type { Product } from '../../core/catalog/index.ts';
import { parseProduct } from '../../app/catalog/catalog-input.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { barcodeProblem } from './catalog-cell.ts';
import type { CatalogFileRows } from './row-error.ts';

/** A JSON import file: an array of products in the API shape; `row` is the 1-based array index. */
export function readCatalogJson(text: string): Result<CatalogFileRows<Product>, 'IMPORT_UNREADABLE'> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return err('IMPORT_UNREADABLE', 'file', { reason: `not valid JSON: ${(e as Error).message}` });
  }
  if (!Array.isArray(data))
    return err('IMPORT_UNREADABLE', 'file', { reason: 'a JSON catalog is an array of products' });
  const result: CatalogFileRows<Product> = {
    format: 'json',
    rows: data.length,
    products: [],
    errors: [],
    labels: { sku: 'sku', barcodes: 'barcodes', plu: 'plu' },
  };
  data.forEach((item, i) => {
    const row = i + 1;
    const parsed = parseProduct(item);
    if (!parsed.ok) {
      result.errors.push({
        row,
        column:
          String(parsed.params?.path ?? '/')
            .slice(1)
            .replaceAll('/', '.') || '(row)',
        reason: String(parsed.params?.reason ?? 'is invalid'),
      });
      return;
    }
    const bad = parsed.value.barcodes.findIndex((b) => barcodeProblem(b) !== undefined);
    if (bad >= 0) {
      result.errors.push({ row, column: `barcodes.${bad}`, reason: barcodeProblem(parsed.value.barcodes[bad])! });
      return;
    }
    result.products.push({ row, product: { ...parsed.value, barcodes: [...new Set(parsed.value.barcodes)] } });
  });
  return ok(result);
}
