import type { Fen } from '../../money/index.ts';

/** 充 minFen 送 bonusFen. */
export type TopUpTier = { readonly minFen: Fen; readonly bonusFen: Fen };

/** `repeat`: each tier applies as often as it fits (充100送20: 充300 → 送60). */
export type TopUpRule = { readonly id: string; readonly tiers: readonly TopUpTier[]; readonly repeat: boolean };

function bestTier(tiers: readonly TopUpTier[], amountFen: Fen): TopUpTier | undefined {
  let best: TopUpTier | undefined;
  for (const t of tiers)
    if (
      t.minFen > 0 &&
      t.minFen <= amountFen &&
      (!best || t.minFen > best.minFen || (t.minFen === best.minFen && t.bonusFen > best.bonusFen))
    )
      best = t;
  return best;
}

/**
 * Bonus for a top-up. Not repeating: the best (highest threshold) tier reached, once.
 * Repeating: greedy from the highest tier down — 充700 with {100→20, 500→120} gives 120 + 2×20 = 160.
 */
export function topUpBonus(rule: TopUpRule, amountFen: Fen): Fen {
  let best = bestTier(rule.tiers, amountFen);
  if (!rule.repeat) return best?.bonusFen ?? 0;
  let left = amountFen;
  let bonus = 0;
  while (best) {
    const times = Math.floor(left / best.minFen);
    bonus += times * best.bonusFen;
    left -= times * best.minFen;
    best = bestTier(rule.tiers, left);
  }
  return bonus;
}
