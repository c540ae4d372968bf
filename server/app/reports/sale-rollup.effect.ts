import type { SaleEffect } from '../checkout/complete-sale.ts';
import type { SaleRollup } from '../ports/report-source.port.ts';

/** Adds a completed sale's lines to the per-day item totals, in the sale's transaction (the lines are written already). */
export function saleRollupEffect(rollup: SaleRollup): SaleEffect {
  return { name: 'report rollup', apply: ({ sale }) => rollup.addSale(sale.id) };
}
