import { CatalogIndex } from '../../core/catalog/index.ts';
import type { ProductRepository } from '../../adapters/sqlite/product.repository.ts';

/**
 * The in-memory catalog index lanes scan against. Rebuilt when catalog_revision moves, whether the
 * change came through the API or from another process (a CLI import into a running box), so a
 * scan is one Map lookup and never touches SQLite.
 */
export class CatalogService {
  private readonly products: ProductRepository;
  private current: CatalogIndex = CatalogIndex.build([]);
  private loadedRevision = -1;

  constructor(products: ProductRepository) {
    this.products = products;
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
