import type { StockMismatch, StockStore } from '../ports/stock-store.port.ts';
import type { StoreContext } from '../store-context.ts';

/**
 * Reading the stock: on hand per product (the cached level, one indexed row), its movements, and `verify`,
 * the consistency check that the cache equals the sum of the ledger for every product.
 */
export class StockService {
  readonly ctx: StoreContext;
  readonly stock: StockStore;

  constructor(ctx: StoreContext, stock: StockStore) {
    this.ctx = ctx;
    this.stock = stock;
  }

  onHand(sku: string): number {
    return this.stock.onHand(sku);
  }

  /** Every product whose cached on hand differs from its ledger; logged, since it means a write bypassed append. */
  verify(): StockMismatch[] {
    const mismatches = this.stock.verify();
    if (mismatches.length > 0)
      this.ctx.log.error({ count: mismatches.length }, 'stock cache disagrees with the ledger');
    return mismatches;
  }
}
