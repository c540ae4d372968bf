import { percentOf } from '../../money/index.ts';
import { perLine, type MoneyRule } from './promotion-rule.ts';
import { rankedUnitRuns } from './ranked-units.ts';

/**
 * 第N件X折: of the matching units, dearest first, every Nth one gets offBp off its list price
 * (so the discounted unit is the cheapest of each group of N). Rounded half-up per line.
 */
export const nthItemOff: MoneyRule<'nthItemOff'> = {
  kind: 'nthItemOff',
  stage: 'line',
  propose: (effect, lines) => {
    const discounted = new Array<number>(lines.length).fill(0);
    // positions p with p mod n = n − 1 below q: floor(q / n)
    for (const r of rankedUnitRuns(lines).runs) {
      discounted[r.index] = Math.floor((r.start + r.count) / effect.n) - Math.floor(r.start / effect.n);
    }
    return perLine(lines, (w, i) => percentOf(w.line.unitPriceFen * discounted[i], effect.offBp));
  },
};
