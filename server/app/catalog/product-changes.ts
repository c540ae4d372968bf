import type { Product } from '../../core/catalog/index.ts';

export type ProductChanges = Record<string, { from: unknown; to: unknown }>;

/** What differs between two versions of a product, field by field (barcodes compared as a set): the audit detail. */
export function productChanges(before: Product, after: Product): ProductChanges {
  const changes: ProductChanges = {};
  const note = (field: string, from: unknown, to: unknown) => {
    if (from !== to) changes[field] = { from, to };
  };
  note('nameZh', before.names.zh, after.names.zh);
  note('nameEn', before.names.en ?? null, after.names.en ?? null);
  note('categoryPath', before.categoryPath, after.categoryPath);
  note('unit', before.unit, after.unit);
  note('priceFen', before.priceFen, after.priceFen);
  note('taxRateBp', before.taxRateBp, after.taxRateBp);
  note('status', before.status, after.status);
  note('plu', before.plu ?? null, after.plu ?? null);
  const a = [...before.barcodes].sort().join('|');
  const b = [...after.barcodes].sort().join('|');
  if (a !== b) changes.barcodes = { from: [...before.barcodes].sort(), to: [...after.barcodes].sort() };
  return changes;
}

export function sameProduct(before: Product, after: Product): boolean {
  return Object.keys(productChanges(before, after)).length === 0;
}
