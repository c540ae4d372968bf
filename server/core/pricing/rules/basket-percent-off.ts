import { allocate, percentOf } from '../../money/index.ts';
import { sumNet } from '../work-line.ts';
import type { MoneyRule } from './promotion-rule.ts';

/** A percentage off the eligible basket: rounded half-up once on the total, then allocated to the lines. */
export const basketPercentOff: MoneyRule<'basketPercentOff'> = {
  kind: 'basketPercentOff',
  stage: 'basket',
  propose: (effect, lines) => {
    const total = percentOf(sumNet(lines), effect.offBp);
    return {
      amounts: allocate(
        total,
        lines.map((w) => w.net),
      ),
      total,
    };
  },
};
