import type { Coupon } from './coupon.ts';
import type { PricingRequest } from './pricing-request.ts';
import type { Fen } from '../money/index.ts';
import { applyPromotions } from './price-cart.ts';
import type { PromotionSet } from './promotion-set.ts';
import { applyCoupons } from './stages/coupon-stage.ts';
import { cloneLines, type WorkLine } from './work-line.ts';

export type CouponChoice = { readonly codes: readonly string[]; readonly discountFen: Fen };

function valueOf(
  coupons: readonly Coupon[],
  work: readonly WorkLine[],
  at: PricingRequest['at'],
): { codes: string[]; fen: Fen } {
  const { applied } = applyCoupons(coupons, cloneLines(work), at);
  return { codes: applied.map((a) => a.code), fen: applied.reduce((s, a) => s + a.amountFen, 0) };
}

/**
 * The member's best eligible coupons for this basket, so the lane can apply them automatically:
 * the best single coupon, or a set of stackable coupons grown greedily by the largest gain, whichever
 * takes more off (ties: fewer coupons, then the order given). Stages 1–3 run once; each trial re-runs
 * only the coupon stage. Pass the codes back in `request.coupons` (in this order) to priceCart.
 */
export function bestCoupons(set: PromotionSet, request: PricingRequest, candidates: readonly Coupon[]): CouponChoice {
  const { work } = applyPromotions(set, { ...request, coupons: [], pointsRequested: undefined });
  let best = { codes: [] as string[], fen: 0 };
  for (const c of candidates) {
    const v = valueOf([c], work, request.at);
    if (v.fen > best.fen) best = v;
  }
  const stackable = candidates.filter((c) => c.stackable === true);
  let chosen: Coupon[] = [];
  let chosenFen = 0;
  for (let round = 0; round < stackable.length; round++) {
    let step: { set: Coupon[]; fen: Fen } | undefined;
    for (const c of stackable) {
      if (chosen.includes(c)) continue;
      const trial = [...chosen, c];
      const v = valueOf(trial, work, request.at);
      // every coupon of the set must apply, and it must gain something
      if (v.codes.length === trial.length && v.fen > (step?.fen ?? chosenFen)) step = { set: trial, fen: v.fen };
    }
    if (!step) break;
    chosen = step.set;
    chosenFen = step.fen;
  }
  if (chosenFen > best.fen) best = { codes: chosen.map((c) => c.code), fen: chosenFen };
  return { codes: best.codes, discountFen: best.fen };
}
