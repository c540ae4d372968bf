import { epochDay } from '../../core/inventory/forecast.ts';
import type { SaleEffect } from '../checkout/complete-sale.ts';
import type { ReplenishmentDailySales } from '../ports/replenishment-store.port.ts';

/**
 * Adds a completed sale's lines to the daily roll-up the replenishment forecast reads (units per product
 * per business date; a line promotion marks the day), in the sale's transaction.
 */
export function replenishmentSaleEffect(daily: ReplenishmentDailySales): SaleEffect {
  return {
    name: 'replenishment',
    apply({ sale }) {
      const day = epochDay(sale.businessDate);
      for (const line of sale.lines)
        daily.addDailySale(
          line.sku,
          day,
          line.quantity,
          line.discounts.some((d) => d.stage === 'line' && d.sourceKind === 'promotion'),
        );
    },
  };
}
