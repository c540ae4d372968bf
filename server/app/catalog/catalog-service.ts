import { CatalogIndex, type VariableMeasureLayouts } from '../../core/catalog/index.ts';
import { parseVariableMeasureLayouts } from './catalog-input.ts';
import type { ProductStore } from '../ports/product-store.port.ts';
import type { StoreInfoStore } from '../ports/store-info.port.ts';

/** China's label-scale default FF IIIII VVVVV C (docs/formats.md §5.4, §8.3): 28 = weight in grams, 22 = price in fen. */
export const DEFAULT_VARIABLE_MEASURE_LAYOUTS = [
  { prefix: '28', measure: 'weightGrams', item: { start: 2, length: 5 }, value: { start: 7, length: 5 } },
  { prefix: '22', measure: 'priceFen', item: { start: 2, length: 5 }, value: { start: 7, length: 5 } },
] as const;

/**
 * The in-memory catalog index lanes scan against. Rebuilt when catalog_revision moves, whether the
 * change came through the API or from another process (a CLI import into a running box), so a
 * scan is one Map lookup and never touches SQLite.
 */
export class CatalogService {
  private readonly products: ProductStore;
  private readonly store: StoreInfoStore;
  private current: CatalogIndex = CatalogIndex.build([]);
  private loadedRevision = -1;
  private layoutCache: VariableMeasureLayouts | undefined;

  constructor(products: ProductStore, store: StoreInfoStore) {
    this.products = products;
    this.store = store;
  }

  /** The store's label-scale barcode layouts (store setting `variableMeasureLayouts`, else the China default). */
  layouts(): VariableMeasureLayouts {
    if (!this.layoutCache) {
      const parsed = parseVariableMeasureLayouts(
        this.store.get()?.settings.variableMeasureLayouts ?? DEFAULT_VARIABLE_MEASURE_LAYOUTS,
      );
      // the setting is validated when it is saved; a bad stored value falls back to the default
      this.layoutCache = parsed.ok
        ? parsed.value
        : (parseVariableMeasureLayouts(DEFAULT_VARIABLE_MEASURE_LAYOUTS) as { ok: true; value: VariableMeasureLayouts })
            .value;
    }
    return this.layoutCache;
  }

  /** Call after the store's layout setting changes. */
  invalidateLayouts(): void {
    this.layoutCache = undefined;
  }

  index(): CatalogIndex {
    return this.current;
  }

  /** Reloads when the stored revision differs from the loaded one; returns whether it did. */
  refresh(): boolean {
    const revision = this.products.revision();
    if (revision === this.loadedRevision) return false;
    this.current = CatalogIndex.build(this.products.all());
    this.loadedRevision = revision;
    return true;
  }
}
