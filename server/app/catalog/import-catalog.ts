import type { Product } from '../../core/catalog/index.ts';
import { ok, type Result } from '../../core/result.ts';
import type { CatalogFileReader, RowError } from '../ports/catalog-file.port.ts';
import type { Repositories, StoreContext } from '../store-context.ts';
import { sameProduct } from './product-changes.ts';
import { checkAcrossRows } from './import-conflicts.ts';

/** What an import needs: the CLI builds this without a running box. */
export type CatalogImportDeps = Pick<StoreContext, 'tx' | 'clock' | 'secrets'> & {
  repos: Pick<Repositories, 'audit' | 'products'>;
  /** the file formats (CSV, JSON) the catalog-import adapter reads */
  readCatalogFile: CatalogFileReader;
};

export type CatalogImportOptions = {
  fileName: string;
  contentType?: string;
  /** import the good rows of a file that has bad ones */
  partial: boolean;
  /** check and count, write nothing */
  dryRun: boolean;
  actor: string;
  onProgress?: (progress: { phase: 'parsed' | 'imported'; rows: number; of?: number }) => void;
};

export type CatalogImportSummary = {
  /** imported; rejected (bad rows, not partial: nothing written); alreadyImported (same file bytes before: no-op); dryRun */
  outcome: 'imported' | 'rejected' | 'alreadyImported' | 'dryRun';
  fileName: string;
  sha256: string;
  format: 'csv' | 'json' | null;
  rows: number;
  /** rows that created or changed a product (would have, in a dry run) */
  imported: number;
  created: number;
  updated: number;
  unchanged: number;
  /** rows with at least one error */
  badRows: number;
  errorCount: number;
  /** the bad rows, in file order, the first MAX_LISTED_ERRORS of them */
  errors: RowError[];
};

export const MAX_LISTED_ERRORS = 1000;
const MAX_AUDITED_PRICE_CHANGES = 100;
const PROGRESS_EVERY = 10_000;

/**
 * Imports a catalog file (CSV or JSON; UTF-8 or GBK) in one transaction. A file with any bad row
 * imports nothing unless `partial`; re-importing the same bytes is a no-op (the file's SHA-256 is
 * recorded), and rows identical to the stored product change nothing. One audit entry per import;
 * the catalog revision moves once, so a running box reloads its index within a second.
 */
export function importCatalog(
  deps: CatalogImportDeps,
  bytes: Uint8Array,
  options: CatalogImportOptions,
): Result<CatalogImportSummary> {
  const sha256 = deps.secrets.sha256Hex(bytes);
  const products = deps.repos.products;
  const base = { fileName: options.fileName, sha256 };
  const previous = products.importedFile(sha256);
  if (previous)
    return ok({
      ...base,
      outcome: 'alreadyImported',
      format: null,
      rows: previous.rows,
      imported: 0,
      created: 0,
      updated: 0,
      unchanged: previous.rows,
      badRows: 0,
      errorCount: 0,
      errors: [],
    });

  const read = deps.readCatalogFile(bytes, options, (rows) => options.onProgress?.({ phase: 'parsed', rows }));
  if (!read.ok) return read;
  const file = read.value;
  options.onProgress?.({ phase: 'parsed', rows: file.rows });

  const at = deps.clock.now().toISOString();
  let summary: CatalogImportSummary | undefined;
  // the snapshot, the checks and the writes see one state of the catalog
  deps.tx.run(() => {
    const stored = products.snapshot();
    const across = checkAcrossRows(file, stored);
    const errors = [...file.errors, ...across.errors].sort((a, b) => a.row - b.row);
    const changed: Product[] = [];
    const priceChanges: Array<{ sku: string; from: number; to: number }> = [];
    let created = 0;
    for (const { product } of across.accepted) {
      const before = stored.products.get(product.sku);
      if (!before) created++;
      else if (sameProduct(before, product)) continue;
      else if (before.priceFen !== product.priceFen)
        priceChanges.push({ sku: product.sku, from: before.priceFen, to: product.priceFen });
      changed.push(product);
    }
    const rejected = errors.length > 0 && !options.partial;
    summary = {
      ...base,
      outcome: rejected ? 'rejected' : options.dryRun ? 'dryRun' : 'imported',
      format: file.format,
      rows: file.rows,
      imported: rejected ? 0 : changed.length,
      created: rejected ? 0 : created,
      updated: rejected ? 0 : changed.length - created,
      unchanged: rejected ? 0 : across.accepted.length - changed.length,
      badRows: new Set(errors.map((e) => e.row)).size,
      errorCount: errors.length,
      errors: errors.slice(0, MAX_LISTED_ERRORS),
    };
    if (rejected || options.dryRun) return;
    products.releaseCodes(changed, stored.products);
    for (let i = 0; i < changed.length; i += PROGRESS_EVERY) {
      products.upsertMany(changed.slice(i, i + PROGRESS_EVERY), at);
      options.onProgress?.({
        phase: 'imported',
        rows: Math.min(i + PROGRESS_EVERY, changed.length),
        of: changed.length,
      });
    }
    if (changed.length > 0) products.bumpRevision();
    products.recordImport(sha256, {
      fileName: options.fileName,
      rows: file.rows,
      importedAt: at,
      actor: options.actor,
    });
    deps.repos.audit.append({
      at,
      actor: options.actor,
      action: 'catalog.imported',
      subject: options.fileName,
      detail: {
        sha256,
        rows: file.rows,
        created,
        updated: changed.length - created,
        unchanged: summary.unchanged,
        badRows: summary.badRows,
        partial: options.partial,
        priceChangeCount: priceChanges.length,
        priceChanges: priceChanges.slice(0, MAX_AUDITED_PRICE_CHANGES),
      },
    });
  });
  return ok(summary!);
}
