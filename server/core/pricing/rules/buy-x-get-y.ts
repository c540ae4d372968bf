import { perLine, type MoneyRule } from './promotion-rule.ts';
import { rankedUnitRuns } from './ranked-units.ts';

/**
 * 买X送Y: the matching units, dearest first, form groups of X + Y; in each complete group the last
 * Y (the cheapest) are free.
 */
export const buyXGetY: MoneyRule<'buyXGetY'> = {
  kind: 'buyXGetY',
  stage: 'line',
  propose: (effect, lines) => {
    const group = effect.buy + effect.get;
    const { runs, total } = rankedUnitRuns(lines);
    const end = Math.floor(total / group) * group;
    // free positions below p, counting only complete groups
    const freeBelow = (p: number) => {
      const q = Math.min(p, end);
      return Math.floor(q / group) * effect.get + Math.max(0, (q % group) - effect.buy);
    };
    const free = new Array<number>(lines.length).fill(0);
    for (const r of runs) free[r.index] = freeBelow(r.start + r.count) - freeBelow(r.start);
    return perLine(lines, (w, i) => w.line.unitPriceFen * free[i]);
  },
};
