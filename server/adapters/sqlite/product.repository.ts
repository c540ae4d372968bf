import type { Product } from '../../core/catalog/index.ts';
import type {
  CatalogSnapshot,
  CategoryCount,
  ImportedFile,
  ProductPage,
  ProductStore,
} from '../../app/ports/product-store.port.ts';
import type { Db } from './database.ts';

type Row = {
  sku: string;
  name_zh: string;
  name_en: string | null;
  category_path: string;
  unit: 'each' | 'kg';
  price_fen: number;
  tax_rate_bp: number;
  status: 'active' | 'inactive';
  plu: string | null;
  barcodes: string | null;
};

function toProduct(r: Row): Product {
  const product: Product = {
    sku: r.sku,
    names: r.name_en === null ? { zh: r.name_zh } : { zh: r.name_zh, en: r.name_en },
    categoryPath: r.category_path,
    unit: r.unit,
    priceFen: r.price_fen,
    taxRateBp: r.tax_rate_bp,
    status: r.status,
    barcodes: r.barcodes ? r.barcodes.split(',') : [],
  };
  if (r.plu !== null) product.plu = r.plu;
  return product;
}

const SELECT = `SELECT p.*, (SELECT group_concat(barcode, ',') FROM product_barcode b WHERE b.sku = p.sku) AS barcodes FROM product p`;

export type { CatalogSnapshot, CategoryCount, ImportedFile, ProductPage } from '../../app/ports/product-store.port.ts';

/**
 * Products and their barcodes; every change bumps catalog_revision so readers reload. The
 * whole-catalog writes serve imports of hundreds of thousands of rows (prepared statements reused
 * for every row, the caller holding one transaction around them).
 */
export class ProductRepository implements ProductStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  revision(): number {
    return (this.db.prepare('SELECT revision FROM catalog_revision WHERE id = 1').get() as { revision: number })
      .revision;
  }

  bumpRevision(): void {
    this.db.prepare('UPDATE catalog_revision SET revision = revision + 1 WHERE id = 1').run();
  }

  all(): Product[] {
    return [...this.snapshot().products.values()];
  }

  snapshot(): CatalogSnapshot {
    const products = new Map<string, Product>();
    // raw rows (arrays) read faster than objects at 200k rows
    const rows = this.db
      .prepare('SELECT sku, name_zh, name_en, category_path, unit, price_fen, tax_rate_bp, status, plu FROM product')
      .raw()
      .all() as Array<
      [string, string, string | null, string, Product['unit'], number, number, Product['status'], string | null]
    >;
    for (const [sku, nameZh, nameEn, categoryPath, unit, priceFen, taxRateBp, status, plu] of rows) {
      const p: Product = {
        sku,
        names: nameEn === null ? { zh: nameZh } : { zh: nameZh, en: nameEn },
        categoryPath,
        unit,
        priceFen,
        taxRateBp,
        status,
        barcodes: [],
      };
      if (plu !== null) p.plu = plu;
      products.set(sku, p);
    }
    const barcodeOwner = new Map<string, string>();
    for (const [barcode, sku] of this.db
      .prepare('SELECT barcode, sku FROM product_barcode ORDER BY rowid')
      .raw()
      .all() as Array<[string, string]>) {
      barcodeOwner.set(barcode, sku);
      products.get(sku)?.barcodes.push(barcode);
    }
    return { products, barcodeOwner };
  }

  get(sku: string): Product | undefined {
    const row = this.db.prepare(`${SELECT} WHERE p.sku = ?`).get(sku) as Row | undefined;
    return row && toProduct(row);
  }

  /** The product a barcode belongs to, if any (to refuse a barcode already used by another SKU). */
  skuOfBarcode(barcode: string): string | undefined {
    return (
      this.db.prepare('SELECT sku FROM product_barcode WHERE barcode = ?').get(barcode) as { sku: string } | undefined
    )?.sku;
  }

  /** Search by name (zh or en), SKU or barcode; paged, ordered by SKU. */
  search(query: string | undefined, page: number, pageSize: number): ProductPage {
    const offset = (page - 1) * pageSize;
    if (!query) {
      const total = (this.db.prepare('SELECT count(*) AS n FROM product').get() as { n: number }).n;
      return {
        total,
        items: (this.db.prepare(`${SELECT} ORDER BY p.sku LIMIT ? OFFSET ?`).all(pageSize, offset) as Row[]).map(
          toProduct,
        ),
      };
    }
    const like = `%${query.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    const where = `WHERE p.sku = ? OR p.name_zh LIKE ? ESCAPE '\\' OR p.name_en LIKE ? ESCAPE '\\' OR p.sku LIKE ? ESCAPE '\\' OR p.plu = ? OR EXISTS (SELECT 1 FROM product_barcode b WHERE b.sku = p.sku AND b.barcode = ?)`;
    const params = [query, like, like, like, query, query];
    const total = (this.db.prepare(`SELECT count(*) AS n FROM product p ${where}`).get(...params) as { n: number }).n;
    return {
      total,
      items: (
        this.db.prepare(`${SELECT} ${where} ORDER BY p.sku LIMIT ? OFFSET ?`).all(...params, pageSize, offset) as Row[]
      ).map(toProduct),
    };
  }

  /** Insert or replace a product and its barcodes; true when anything changed. Call inside a transaction. */
  upsert(p: Product, at: string): boolean {
    const current = this.get(p.sku);
    if (current && sameProduct(current, p)) return false;
    this.db
      .prepare(
        `INSERT INTO product (sku, name_zh, name_en, category_path, unit, price_fen, tax_rate_bp, status, plu, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(sku) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en, category_path = excluded.category_path,
           unit = excluded.unit, price_fen = excluded.price_fen, tax_rate_bp = excluded.tax_rate_bp, status = excluded.status,
           plu = excluded.plu, updated_at = excluded.updated_at`,
      )
      .run(
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
    this.db.prepare('DELETE FROM product_barcode WHERE sku = ?').run(p.sku);
    const insertBarcode = this.db.prepare('INSERT INTO product_barcode (barcode, sku) VALUES (?, ?)');
    for (const b of p.barcodes) insertBarcode.run(b, p.sku);
    return true;
  }

  setStatus(sku: string, status: 'active' | 'inactive', at: string): boolean {
    return (
      this.db
        .prepare('UPDATE product SET status = ?, updated_at = ? WHERE sku = ? AND status <> ?')
        .run(status, at, sku, status).changes > 0
    );
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

function sameProduct(a: Product, b: Product): boolean {
  return (
    a.names.zh === b.names.zh &&
    (a.names.en ?? null) === (b.names.en ?? null) &&
    a.categoryPath === b.categoryPath &&
    a.unit === b.unit &&
    a.priceFen === b.priceFen &&
    a.taxRateBp === b.taxRateBp &&
    a.status === b.status &&
    (a.plu ?? null) === (b.plu ?? null) &&
    [...a.barcodes].sort().join(',') === [...b.barcodes].sort().join(',')
  );
}
