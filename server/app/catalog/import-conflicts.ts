import type { Product } from '../../core/catalog/index.ts';
import type { CatalogFileRows, ImportRow, RowError } from '../ports/catalog-file.port.ts';
import type { CatalogSnapshot } from '../ports/product-store.port.ts';

/** PLUs compare as numbers, as the catalog index looks them up ("00123" is PLU 123). */
const pluKey = (plu: string) => plu.replace(/^0+(?=.)/, '');

/**
 * Checks across rows and against the stored catalog: a SKU twice in the file, a barcode or PLU on
 * two SKUs of the file, or one the file gives a product while a product the file leaves alone
 * keeps it. Returns the rows that pass and an error for each that does not. Dropping a row can
 * leave its stored product's codes in place and so fail another row: repeated until stable
 * (each round drops at least one row, so it ends).
 */
export function checkAcrossRows(
  file: CatalogFileRows<Product>,
  stored: CatalogSnapshot,
): { accepted: ImportRow<Product>[]; errors: RowError[] } {
  const storedPluOwner = new Map<string, string>();
  for (const p of stored.products.values()) if (p.plu !== undefined) storedPluOwner.set(pluKey(p.plu), p.sku);
  let accepted = file.products;
  const errors: RowError[] = [];
  for (;;) {
    const inFile = new Set(accepted.map((r) => r.product.sku));
    const skuRow = new Map<string, number>();
    const barcodeRow = new Map<string, ImportRow<Product>>();
    const pluRow = new Map<string, ImportRow<Product>>();
    const next: ImportRow<Product>[] = [];
    const round: RowError[] = [];
    for (const entry of accepted) {
      const { row, product } = entry;
      const problem = ((): RowError | undefined => {
        const firstRow = skuRow.get(product.sku);
        if (firstRow !== undefined)
          return { row, column: file.labels.sku, reason: `SKU ${product.sku} is also on row ${firstRow}` };
        for (const b of product.barcodes) {
          const other = barcodeRow.get(b);
          if (other)
            return {
              row,
              column: file.labels.barcodes,
              reason: `barcode ${b} is also on row ${other.row} (SKU ${other.product.sku})`,
            };
          const owner = stored.barcodeOwner.get(b);
          if (owner !== undefined && owner !== product.sku && !inFile.has(owner))
            return { row, column: file.labels.barcodes, reason: `barcode ${b} already belongs to SKU ${owner}` };
        }
        if (product.plu !== undefined) {
          const key = pluKey(product.plu);
          const other = pluRow.get(key);
          if (other)
            return {
              row,
              column: file.labels.plu,
              reason: `PLU ${product.plu} is also on row ${other.row} (SKU ${other.product.sku})`,
            };
          const owner = storedPluOwner.get(key);
          if (owner !== undefined && owner !== product.sku && !inFile.has(owner))
            return { row, column: file.labels.plu, reason: `PLU ${product.plu} already belongs to SKU ${owner}` };
        }
        return undefined;
      })();
      if (problem) {
        round.push(problem);
        continue;
      }
      skuRow.set(product.sku, row);
      for (const b of product.barcodes) barcodeRow.set(b, entry);
      if (product.plu !== undefined) pluRow.set(pluKey(product.plu), entry);
      next.push(entry);
    }
    errors.push(...round);
    accepted = next;
    if (round.length === 0) return { accepted, errors };
  }
}
