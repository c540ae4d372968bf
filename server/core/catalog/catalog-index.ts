import { err, ok, type Result } from '../result.ts';
import type { Product } from './product.ts';
import type { ScannedCode } from './scanned-code.ts';

/** What a scan resolved to; a variable-measure code also carries its embedded weight or price. */
export type ScanMatch = {
  readonly product: Product;
  readonly embedded?: { readonly weightGrams: number } | { readonly priceFen: number };
};

export type LookupErrorCode = 'CATALOG_UNKNOWN_BARCODE' | 'CATALOG_PRODUCT_INACTIVE';

/** GTIN-13 key: UPC-A gains a leading 0, EAN-8 is zero-padded (same keys classifyScannedCode produces). */
function gtinKey(barcode: string): string {
  return barcode.padStart(13, '0');
}

/** PLUs compare as numbers: a scale printing "00123" means PLU 123. */
function pluKey(plu: string): string {
  return plu.replace(/^0+(?=.)/, '');
}

/**
 * In-memory catalog lookup (barcode, PLU, SKU → product), built once when HQ pushes the catalog.
 * Plain Maps: one hash lookup per scan, sized for 200k SKUs.
 */
export class CatalogIndex {
  readonly #bySku: Map<string, Product>;
  readonly #byGtin: Map<string, Product>;
  readonly #byPlu: Map<string, Product>;

  private constructor(bySku: Map<string, Product>, byGtin: Map<string, Product>, byPlu: Map<string, Product>) {
    this.#bySku = bySku;
    this.#byGtin = byGtin;
    this.#byPlu = byPlu;
  }

  /** Later products win on a duplicate barcode or PLU, as a later HQ push would. */
  static build(products: Iterable<Product>): CatalogIndex {
    const bySku = new Map<string, Product>();
    const byGtin = new Map<string, Product>();
    const byPlu = new Map<string, Product>();
    for (const p of products) {
      bySku.set(p.sku, p);
      for (const b of p.barcodes) byGtin.set(gtinKey(b), p);
      if (p.plu !== undefined) byPlu.set(pluKey(p.plu), p);
    }
    return new CatalogIndex(bySku, byGtin, byPlu);
  }

  get size(): number {
    return this.#bySku.size;
  }

  bySku(sku: string): Product | undefined {
    return this.#bySku.get(sku);
  }

  byBarcode(barcode: string): Product | undefined {
    return this.#byGtin.get(gtinKey(barcode));
  }

  byPlu(plu: string): Product | undefined {
    return this.#byPlu.get(pluKey(plu));
  }

  /** Resolve a classified scan; a variable-measure item is found by its item digits as PLU, else by its base GTIN. */
  resolve(scan: ScannedCode): Result<ScanMatch, LookupErrorCode> {
    let product: Product | undefined;
    let embedded: ScanMatch['embedded'];
    switch (scan.kind) {
      case 'plu':
        product = this.byPlu(scan.plu);
        break;
      case 'variable':
        product = this.byPlu(scan.itemCode) ?? this.#byGtin.get(scan.baseGtin);
        embedded = scan.measure === 'weightGrams' ? { weightGrams: scan.value } : { priceFen: scan.value };
        break;
      default:
        product = this.#byGtin.get(scan.gtin);
    }
    const code = scan.kind === 'plu' ? scan.plu : scan.gtin;
    if (!product) return err('CATALOG_UNKNOWN_BARCODE', 'code', { code });
    if (product.status !== 'active') return err('CATALOG_PRODUCT_INACTIVE', 'code', { code, sku: product.sku });
    return ok(embedded ? { product, embedded } : { product });
  }
}
