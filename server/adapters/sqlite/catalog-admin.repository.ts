import type { Product } from '../../core/catalog/index.ts';
import type { Db } from './database.ts';

export type ImportedFile = { fileName: string; rows: number; importedAt: string; actor: string };

export type CategoryCount = { path: string; products: number; active: number };

/**
 * What managing the catalog needs beyond ProductRepository: whole-catalog writes for
 * imports of hundreds of thousands of rows (prepared statements reused for every row, the caller
 * holding one transaction around them), PLU ownership, category counts, the imported-file record.
 */
export class CatalogAdminRepository {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  /**
   * Releases the barcodes and PLUs of stored products about to be rewritten, so that a code moving
   * from one product to another within the same import never collides with itself. Call before
   * `upsertMany`, inside the same transaction.
   */
  releaseCodes(changed: readonly Product[], stored: { has(sku: string): boolean }): void {
    const releaseBarcodes = this.db.prepare('DELETE FROM product_barcode WHERE sku = ?');
    const releasePlu = this.db.prepare('UPDATE product SET plu = NULL WHERE sku = ? AND plu IS NOT NULL');
    for (const p of changed) {
      if (!stored.has(p.sku)) continue;
      releaseBarcodes.run(p.sku);
      releasePlu.run(p.sku);
    }
  }

  /** Inserts or rewrites products and inserts their barcodes (released before). Call inside a transaction. */
  upsertMany(products: readonly Product[], at: string): void {
    const upsert = this.db.prepare(
      `INSERT INTO product (sku, name_zh, name_en, category_path, unit, price_fen, tax_rate_bp, status, plu, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(sku) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en, category_path = excluded.category_path,
         unit = excluded.unit, price_fen = excluded.price_fen, tax_rate_bp = excluded.tax_rate_bp, status = excluded.status,
         plu = excluded.plu, updated_at = excluded.updated_at`,
    );
    const insertBarcode = this.db.prepare('INSERT INTO product_barcode (barcode, sku) VALUES (?, ?)');
    for (const p of products) {
      upsert.run(
        p.sku,
        p.names.zh,
        p.names.en ?? null,
        p.categoryPath,
        p.unit,
        p.priceFen,
        p.taxRateBp,
        p.status,
        p.plu ?? null,
        at,
      );
      for (const b of p.barcodes) insertBarcode.run(b, p.sku);
    }
  }

  /** The product holding a PLU, compared as a number ("00123" is PLU 123, as the catalog index reads it). */
  skuOfPlu(plu: string): string | undefined {
    return (
      this.db.prepare("SELECT sku FROM product WHERE plu IS NOT NULL AND ltrim(plu, '0') = ltrim(?, '0')").get(plu) as
        { sku: string } | undefined
    )?.sku;
  }

  categoryCounts(): CategoryCount[] {
    return this.db
      .prepare(
        "SELECT category_path AS path, count(*) AS products, sum(status = 'active') AS active FROM product GROUP BY category_path ORDER BY category_path",
      )
      .all() as CategoryCount[];
  }

  importedFile(sha256: string): ImportedFile | undefined {
    return this.db
      .prepare(
        'SELECT file_name AS fileName, rows, imported_at AS importedAt, actor FROM catalog_import WHERE file_sha256 = ?',
      )
      .get(sha256) as ImportedFile | undefined;
  }

  recordImport(sha256: string, file: ImportedFile): void {
    this.db
      .prepare('INSERT INTO catalog_import (file_sha256, file_name, rows, imported_at, actor) VALUES (?, ?, ?, ?, ?)')
      .run(sha256, file.fileName, file.rows, file.importedAt, file.actor);
  }
}
