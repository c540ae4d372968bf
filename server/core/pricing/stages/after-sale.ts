import { FULL_BP } from '../../money/index.ts';
import type { CompiledPromotion } from '../promotion-set.ts';
import { explainIssue, explainMultiplier } from '../explanation.ts';
import type { CouponToIssue, PromotionApplied } from '../priced-cart.ts';
import type { WorkLine } from '../work-line.ts';
import { eligibleLines, type StageContext } from './promotion-stage.ts';

/**
 * Effects that read the priced sale (conditions see the final net): each line's points multiplier
 * (multipliers do not compound: a line takes the highest that applies) and the coupon templates
 * the sale earns (one per exclusivity group, the highest ranked).
 */
export function runAfterSale(
  matched: ReadonlyMap<CompiledPromotion, readonly number[]>,
  work: readonly WorkLine[],
  ctx: StageContext,
): { multipliers: number[]; toIssue: CouponToIssue[]; applied: PromotionApplied[] } {
  const multipliers = new Array<number>(work.length).fill(FULL_BP);
  const toIssue: CouponToIssue[] = [];
  const applied: PromotionApplied[] = [];
  const issuedGroups = new Set<string>();
  for (const [p, indexes] of matched) {
    if (p.stage !== 'afterSale') continue;
    const effect = p.promotion.effect;
    const group = p.promotion.exclusivityGroup;
    if (effect.kind === 'issueCoupon' && group !== undefined && issuedGroups.has(group)) continue;
    if (!eligibleLines(ctx, p, indexes, work)) continue;
    if (effect.kind === 'pointsMultiplier') {
      let raised = false;
      for (const i of indexes) {
        if (work[i].net > 0 && effect.multiplierBp > multipliers[i]) {
          multipliers[i] = effect.multiplierBp;
          raised = true;
        }
      }
      if (raised)
        applied.push({
          promotionId: p.promotion.id,
          stage: 'afterSale',
          amountFen: 0,
          explanation: explainMultiplier(p.promotion.name, effect.multiplierBp),
        });
    } else if (effect.kind === 'issueCoupon') {
      if (group !== undefined) issuedGroups.add(group);
      const count = effect.count ?? 1;
      toIssue.push({ promotionId: p.promotion.id, templateId: effect.templateId, count });
      applied.push({
        promotionId: p.promotion.id,
        stage: 'afterSale',
        amountFen: 0,
        explanation: explainIssue(p.promotion.name, effect.templateId, count),
      });
    }
  }
  return { multipliers, toIssue, applied };
}
