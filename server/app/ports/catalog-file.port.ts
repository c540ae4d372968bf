import type { Product } from '../../core/catalog/index.ts';
import type { Result } from '../../core/result.ts';

/** One bad row of an import file: `row` is the file line (header = 1) or the 1-based index in a JSON array. */
export type RowError = { row: number; column: string; reason: string };

/** A product a file row describes, with the row it came from. */
export type ImportRow<P> = { row: number; product: P };

/** What a reader made of a file: the good rows and every bad one. */
export type CatalogFileRows<P> = {
  format: 'csv' | 'json';
  rows: number;
  products: ImportRow<P>[];
  errors: RowError[];
  /** how the file names the columns that checks across rows report (a CSV header as written) */
  labels: { sku: string; barcodes: string; plu: string };
};

/** Reads a catalog file's bytes (CSV or JSON, UTF-8 or GBK) into products, row by row; `onProgress` gets rows parsed. */
export type CatalogFileReader = (
  bytes: Uint8Array,
  hint: { fileName?: string; contentType?: string },
  onProgress?: (rows: number) => void,
) => Result<CatalogFileRows<Product>, 'IMPORT_UNREADABLE'>;
