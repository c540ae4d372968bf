import { perLine, type MoneyRule } from './promotion-rule.ts';

/** ¥X off each unit; a weighed line has no units, so it gets ¥X off once. */
export const itemAmountOff: MoneyRule<'itemAmountOff'> = {
  kind: 'itemAmountOff',
  stage: 'line',
  propose: (effect, lines) => perLine(lines, (w) => effect.amountFen * (w.line.unit === 'each' ? w.line.quantity : 1)),
};
