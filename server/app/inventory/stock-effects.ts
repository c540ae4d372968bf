import type { SaleEffect } from '../checkout/complete-sale.ts';
import type { RefundEffect } from '../returns/refund-effect.ts';
import type { StockStore } from '../ports/stock-store.port.ts';

/**
 * A completed sale takes its goods off the shelf: one `sale` movement per line (units, or grams for weighed
 * goods), in the sale's transaction. Never refuses: selling is not blocked by a stock figure, and a sale that
 * takes the on hand below zero leaves it negative (flagged in the alerts).
 */
export function stockSaleEffect(stock: StockStore): SaleEffect {
  return {
    name: 'stock',
    apply({ sale }) {
      for (const l of sale.lines) {
        if (l.quantity === 0) continue;
        stock.append({ sku: l.sku, kind: 'sale', delta: -l.quantity, ref: sale.id, at: sale.completedAt });
      }
    },
  };
}

/** A refund's goods come back on the shelf: one `refund` movement per refunded line, in the refund's transaction. */
export function stockRefundEffect(stock: StockStore): RefundEffect {
  return {
    name: 'stock',
    apply({ refund, lines }) {
      for (const l of lines) {
        if (l.quantity === 0) continue;
        stock.append({ sku: l.sku, kind: 'refund', delta: l.quantity, ref: refund.id, at: refund.createdAt });
      }
    },
  };
}
