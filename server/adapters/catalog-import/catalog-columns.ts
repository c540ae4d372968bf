import { err, ok, type Result } from '../../core/result.ts';

/** The fields a catalog CSV may carry. */
export const CATALOG_FIELDS = [
  'sku',
  'name',
  'name_en',
  'category',
  'unit',
  'price',
  'tax_rate',
  'barcodes',
  'plu',
  'status',
] as const;
export type CatalogField = (typeof CATALOG_FIELDS)[number];

const REQUIRED: readonly CatalogField[] = ['sku', 'name', 'category', 'unit', 'price', 'tax_rate'];

/** Header spellings, compared trimmed and lower-cased: the English field name and the usual Chinese ones. */
const ALIASES: Readonly<Record<CatalogField, readonly string[]>> = {
  sku: ['sku', '商品编码', '商品编号', '货号'],
  name: ['name', 'name_zh', '商品名称', '名称', '品名'],
  name_en: ['name_en', '英文名称', '英文名'],
  category: ['category', 'category_path', '分类', '类别', '商品分类'],
  unit: ['unit', '单位', '计价单位'],
  price: ['price', '售价', '零售价', '价格'],
  tax_rate: ['tax_rate', 'tax', '税率'],
  barcodes: ['barcodes', 'barcode', '条码', '条形码'],
  plu: ['plu', 'plu码'],
  status: ['status', '状态'],
};

const byAlias = new Map<string, CatalogField>(CATALOG_FIELDS.flatMap((f) => ALIASES[f].map((a) => [a, f] as const)));

/** Which column holds which field, and the header as written (error reports name it). */
export type ColumnMap = { index: Partial<Record<CatalogField, number>>; label: Record<CatalogField, string> };

/** Maps a header row to fields; columns it does not know are ignored. */
export function mapHeader(header: readonly string[]): Result<ColumnMap, 'IMPORT_UNREADABLE'> {
  const index: ColumnMap['index'] = {};
  const label = Object.fromEntries(CATALOG_FIELDS.map((f) => [f, f])) as ColumnMap['label'];
  for (let i = 0; i < header.length; i++) {
    const field = byAlias.get(header[i].trim().toLowerCase());
    if (!field) continue;
    if (index[field] !== undefined)
      return err('IMPORT_UNREADABLE', 'header', {
        reason: `columns "${label[field]}" and "${header[i].trim()}" are both ${field}`,
      });
    index[field] = i;
    label[field] = header[i].trim();
  }
  const missing = REQUIRED.filter((f) => index[f] === undefined);
  if (missing.length > 0)
    return err('IMPORT_UNREADABLE', 'header', {
      reason: `missing column ${missing.map((f) => `${f} (${ALIASES[f].find((a) => /[\u4e00-\u9fff]/.test(a))})`).join(', ')}`,
    });
  return ok({ index, label });
}
