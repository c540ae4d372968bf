import { allocate } from '../../money/index.ts';
import { sumNet } from '../work-line.ts';
import type { MoneyRule } from './promotion-rule.ts';

/**
 * 满减: when the eligible lines' net reaches the threshold, take the amount off, allocated to those
 * lines in proportion to their net. 每满 (repeat) takes it once per whole multiple, up to capFen.
 */
export const thresholdDiscount: MoneyRule<'basketThreshold'> = {
  kind: 'basketThreshold',
  stage: 'basket',
  propose: (effect, lines) => {
    const eligible = sumNet(lines);
    const times = eligible < effect.thresholdFen ? 0 : effect.repeat ? Math.floor(eligible / effect.thresholdFen) : 1;
    const total = Math.min(effect.amountOffFen * times, effect.capFen ?? Number.MAX_SAFE_INTEGER, eligible);
    return {
      amounts: allocate(
        total,
        lines.map((w) => w.net),
      ),
      total,
      times,
    };
  },
};
