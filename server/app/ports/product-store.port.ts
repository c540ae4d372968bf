import type { Product } from '../../core/catalog/index.ts';

export type ProductPage = { items: Product[]; total: number };

/** The whole stored catalog, read at once: every product by SKU and the SKU each barcode belongs to. */
export type CatalogSnapshot = { products: Map<string, Product>; barcodeOwner: Map<string, string> };

/** A catalog file imported before, recorded by the SHA-256 of its bytes. */
export type ImportedFile = { fileName: string; rows: number; importedAt: string; actor: string };

export type CategoryCount = { path: string; products: number; active: number };

/**
 * Products and their barcodes; every change bumps the catalog revision so readers reload. Writes
 * run inside the caller's transaction. The whole-catalog writes serve imports of hundreds of
 * thousands of rows.
 */
export interface ProductStore {
  revision(): number;
  bumpRevision(): void;
  all(): Product[];
  snapshot(): CatalogSnapshot;
  get(sku: string): Product | undefined;
  /** The product a barcode belongs to, if any. */
  skuOfBarcode(barcode: string): string | undefined;
  /** The product holding a PLU, compared as a number ("00123" is PLU 123, as the catalog index reads it). */
  skuOfPlu(plu: string): string | undefined;
  /** Search by name (zh or en), SKU, PLU or barcode; paged, ordered by SKU. */
  search(query: string | undefined, page: number, pageSize: number): ProductPage;
  /** Insert or replace a product and its barcodes; true when anything changed. */
  upsert(p: Product, at: string): boolean;
  setStatus(sku: string, status: 'active' | 'inactive', at: string): boolean;
  /**
   * Releases the barcodes and PLUs of stored products about to be rewritten, so that a code moving
   * from one product to another within the same import never collides with itself. Call before
   * `upsertMany`, inside the same transaction.
   */
  releaseCodes(changed: readonly Product[], stored: { has(sku: string): boolean }): void;
  /** Inserts or rewrites products and inserts their barcodes (released before). */
  upsertMany(products: readonly Product[], at: string): void;
  categoryCounts(): CategoryCount[];
  importedFile(sha256: string): ImportedFile | undefined;
  recordImport(sha256: string, file: ImportedFile): void;
}
