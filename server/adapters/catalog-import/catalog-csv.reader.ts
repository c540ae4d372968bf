import { parse } from 'csv-parse/sync';
import type { Product } from '../../core/catalog/index.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { mapHeader } from './catalog-columns.ts';
import { parseCatalogRow } from './catalog-row.ts';
import type { CatalogFileRows } from './row-error.ts';

/** Reports rows parsed so far, every PROGRESS_EVERY rows. */
export type ParseProgress = (rowsParsed: number) => void;
const PROGRESS_EVERY = 10_000;

/**
 * A catalog CSV (comma separated, RFC 4180 quoting, first row the header) into products. Rows are
 * numbered by file line, the header being row 1; every bad row is reported, not only the first.
 */
export function readCatalogCsv(
  text: string,
  onProgress?: ParseProgress,
): Result<CatalogFileRows<Product>, 'IMPORT_UNREADABLE'> {
  const result: CatalogFileRows<Product> = {
    format: 'csv',
    rows: 0,
    products: [],
    errors: [],
    labels: { sku: 'sku', barcodes: 'barcodes', plu: 'plu' },
  };
  let columns: ReturnType<typeof mapHeader> | undefined;
  try {
    parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // rows are handled as they are parsed: no array of 200k records held in between
      on_record: (values: string[], context) => {
        if (!columns) {
          columns = mapHeader(values);
          if (columns.ok)
            result.labels = {
              sku: columns.value.label.sku,
              barcodes: columns.value.label.barcodes,
              plu: columns.value.label.plu,
            };
          return null;
        }
        if (!columns.ok) return null;
        if (values.every((v) => v.trim() === '')) return null;
        result.rows++;
        const row = context.lines;
        const parsed = parseCatalogRow(values, columns.value, row);
        if ('product' in parsed) result.products.push({ row, product: parsed.product });
        else result.errors.push(...parsed.errors);
        if (onProgress && result.rows % PROGRESS_EVERY === 0) onProgress(result.rows);
        return null;
      },
    });
  } catch (e) {
    const { lines } = e as { lines?: number };
    return err('IMPORT_UNREADABLE', 'file', {
      reason: `${(e as Error).message}${lines === undefined ? '' : ` (line ${lines})`}`,
    });
  }
  if (!columns) return err('IMPORT_UNREADABLE', 'file', { reason: 'the file is empty' });
  if (!columns.ok) return columns;
  return ok(result);
}
