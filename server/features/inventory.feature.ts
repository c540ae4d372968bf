import { StockRepository } from '../adapters/sqlite/stock.repository.ts';
import { stockRefundEffect, stockSaleEffect } from '../app/inventory/stock-effects.ts';
import { StockService } from '../app/inventory/stock-service.ts';
import type { BoxContext } from './store-context.ts';
import type { Feature } from './feature.ts';

export type InventoryFeature = Feature & { readonly stock: StockService };

/**
 * Inventory (docs/inventory.md): the append-only stock ledger and its cached on hand; sales and refunds move
 * stock through this feature's effects, inside their own transactions.
 */
export function inventoryFeature(ctx: BoxContext): InventoryFeature {
  const stockStore = new StockRepository(ctx.db);
  const stock = new StockService(ctx, stockStore);
  return {
    name: 'inventory',
    stock,
    saleEffects: [stockSaleEffect(stockStore)],
    refundEffects: [stockRefundEffect(stockStore)],
  };
}
