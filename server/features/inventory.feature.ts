import { inventoryRoutes } from '../adapters/http/routes/inventory.routes.ts';
import { PurchaseOrderRepository } from '../adapters/sqlite/purchase-order.repository.ts';
import { StockRepository } from '../adapters/sqlite/stock.repository.ts';
import { StocktakeRepository } from '../adapters/sqlite/stocktake.repository.ts';
import { SupplierRepository } from '../adapters/sqlite/supplier.repository.ts';
import { Purchasing } from '../app/inventory/purchasing.ts';
import { StockAlerts } from '../app/inventory/stock-alerts.ts';
import { stockRefundEffect, stockSaleEffect } from '../app/inventory/stock-effects.ts';
import { StockService } from '../app/inventory/stock-service.ts';
import { Stocktakes } from '../app/inventory/stocktakes.ts';
import type { BoxContext } from './store-context.ts';
import type { Feature } from './feature.ts';

export type InventoryFeature = Feature & {
  readonly stock: StockService;
  readonly purchasing: Purchasing;
  readonly stocktakes: Stocktakes;
};

/**
 * Inventory (docs/inventory.md): the append-only stock ledger and its cached on hand, suppliers, purchase
 * orders and receiving, stocktakes; sales and refunds move stock through this feature's effects, inside their
 * own transactions.
 */
export function inventoryFeature(ctx: BoxContext): InventoryFeature {
  const stockStore = new StockRepository(ctx.db);
  const stock = new StockService(ctx, stockStore);
  const suppliers = new SupplierRepository(ctx.db);
  const purchasing = new Purchasing(ctx, { stock: stockStore, suppliers, orders: new PurchaseOrderRepository(ctx.db) });
  const stocktakes = new Stocktakes(ctx, { stock: stockStore, stocktakes: new StocktakeRepository(ctx.db) }, (id) =>
    stock.announceRef(id),
  );
  return {
    name: 'inventory',
    stock,
    purchasing,
    stocktakes,
    services: [new StockAlerts(stock)],
    routes: [inventoryRoutes(stock, purchasing, stocktakes)],
    saleEffects: [stockSaleEffect(stockStore)],
    refundEffects: [stockRefundEffect(stockStore)],
  };
}
