import { mulDivHalfUp } from '../../money/index.ts';
import { perLine, type MoneyRule } from './promotion-rule.ts';

/**
 * Sell at a fixed price per unit (per kg for weighed goods). A weighed line is repriced from its gross
 * (gross × fixed / regular per-kg price, half-up), which also works when a label scale printed only the price.
 * Never raises a price: a line already below the fixed price keeps its net.
 */
export const fixedPrice: MoneyRule<'fixedPrice'> = {
  kind: 'fixedPrice',
  stage: 'line',
  propose: (effect, lines) =>
    perLine(lines, (w) => {
      const l = w.line;
      if (l.unit === 'each') return w.net - effect.priceFen * l.quantity;
      return l.unitPriceFen === 0 ? 0 : w.net - mulDivHalfUp(l.grossFen, effect.priceFen, l.unitPriceFen);
    }),
};
