import { percentOf } from '../../money/index.ts';
import { perLine, type MoneyRule } from './promotion-rule.ts';

/** 8折 on a SKU is offBp 2000: the discount is rounded half-up per line. */
export const itemPercentOff: MoneyRule<'itemPercentOff'> = {
  kind: 'itemPercentOff',
  stage: 'line',
  propose: (effect, lines) => perLine(lines, (w) => percentOf(w.net, effect.offBp)),
};
