import { percentOf } from '../../money/index.ts';
import { perLine, type MoneyRule } from './promotion-rule.ts';

/**
 * Member-tier discount: the member pays payBp of each eligible line's current net (银卡 9.5折 = 9500,
 * 金卡 9折 = 9000). The amount paid is rounded half-up per line, the discount is the rest.
 */
export const memberTierRate: MoneyRule<'memberTierRate'> = {
  kind: 'memberTierRate',
  stage: 'tier',
  propose: (effect, lines, ctx) => {
    const tier = ctx.member?.tier;
    const payBp = tier !== undefined && Object.hasOwn(effect.payBpByTier, tier) ? effect.payBpByTier[tier] : undefined;
    return perLine(lines, (w) => (payBp === undefined ? 0 : w.net - percentOf(w.net, payBp)));
  },
};
