import type { Product } from '../../core/catalog/index.ts';
import type { Result } from '../../core/result.ts';
import { readCatalogCsv, type ParseProgress } from './catalog-csv.reader.ts';
import { readCatalogJson } from './catalog-json.reader.ts';
import type { CatalogFileRows } from './row-error.ts';
import { decodeCatalogText } from './text-decoding.ts';

/**
 * Decodes (UTF-8 or GBK) and reads a catalog file. JSON when the content type or file name says
 * so, or when the text starts with '['; CSV otherwise.
 */
export function readCatalogFile(
  bytes: Uint8Array,
  hint: { fileName?: string; contentType?: string },
  onProgress?: ParseProgress,
): Result<CatalogFileRows<Product>, 'IMPORT_UNREADABLE'> {
  const { text } = decodeCatalogText(bytes);
  const json =
    /json/i.test(hint.contentType ?? '') || /\.json$/i.test(hint.fileName ?? '') || /^\s*\[/.test(text.slice(0, 64));
  return json ? readCatalogJson(text) : readCatalogCsv(text, onProgress);
}
