import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { Product } from '../../core/catalog/index.ts';
import { ProductSchema } from '../../contracts/catalog/product.schema.ts';
import { parseProduct } from '../../app/catalog/catalog-input.ts';
import {
  parseBarcodes,
  parseCategory,
  parsePlu,
  parsePrice,
  parseStatus,
  parseTaxRate,
  parseUnit,
  type Cell,
} from './catalog-cell.ts';
import type { CatalogField, ColumnMap } from './catalog-columns.ts';
import type { RowError } from './row-error.ts';

/** Product schema paths back to the CSV field they came from, to name the column of a schema error. */
const FIELD_OF_PATH: Readonly<Record<string, CatalogField>> = {
  sku: 'sku',
  names: 'name',
  categoryPath: 'category',
  unit: 'unit',
  priceFen: 'price',
  taxRateBp: 'tax_rate',
  barcodes: 'barcodes',
  plu: 'plu',
  status: 'status',
};

// a boolean check per row; parseProduct's error walk only for a row that fails it (200k rows in one import)
const isProduct = TypeCompiler.Compile(ProductSchema);

/** One CSV data row into a product, or every problem of the row (one per column). */
export function parseCatalogRow(
  values: readonly string[],
  columns: ColumnMap,
  row: number,
): { product: Product } | { errors: RowError[] } {
  const errors: RowError[] = [];
  const cell = (field: CatalogField): string => {
    const i = columns.index[field];
    return i === undefined ? '' : (values[i] ?? '');
  };
  const take = <T>(field: CatalogField, parsed: Cell<T>): T | undefined => {
    if (parsed.ok) return parsed.value;
    errors.push({ row, column: columns.label[field], reason: parsed.reason });
    return undefined;
  };
  const required = (field: CatalogField): string | undefined => {
    const text = cell(field).trim();
    if (text === '') errors.push({ row, column: columns.label[field], reason: 'is empty' });
    return text === '' ? undefined : text;
  };

  const sku = required('sku');
  const nameZh = required('name');
  const nameEn = cell('name_en').trim();
  const categoryText = required('category');
  const unitText = required('unit');
  const priceText = required('price');
  const taxText = required('tax_rate');
  const categoryPath = categoryText === undefined ? undefined : take('category', parseCategory(categoryText));
  const unit = unitText === undefined ? undefined : take('unit', parseUnit(unitText));
  const priceFen = priceText === undefined ? undefined : take('price', parsePrice(priceText));
  const taxRateBp = taxText === undefined ? undefined : take('tax_rate', parseTaxRate(taxText));
  const barcodes = take('barcodes', parseBarcodes(cell('barcodes')));
  const pluText = cell('plu').trim();
  const plu = pluText === '' ? undefined : take('plu', parsePlu(pluText));
  const status = take('status', parseStatus(cell('status')));
  if (errors.length > 0) return { errors };

  const candidate: Product = {
    sku: sku!,
    names: nameEn === '' ? { zh: nameZh! } : { zh: nameZh!, en: nameEn },
    categoryPath: categoryPath!,
    unit: unit!,
    priceFen: priceFen!,
    taxRateBp: taxRateBp!,
    status: status!,
    barcodes: barcodes!,
  };
  if (plu !== undefined) candidate.plu = plu;
  if (isProduct.Check(candidate)) return { product: candidate };
  const checked = parseProduct(candidate);
  if (checked.ok) return { product: checked.value };
  const path = String(checked.params?.path ?? '');
  const field = FIELD_OF_PATH[path.split('/')[1] ?? ''] ?? 'sku';
  return { errors: [{ row, column: columns.label[field], reason: `${path} ${checked.params?.reason ?? ''}`.trim() }] };
}
