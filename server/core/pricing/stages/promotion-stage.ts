import type { Fen } from '../../money/index.ts';
import { saleConditionsHold, type SaleContext } from '../conditions/cart-conditions.ts';
import type { CompiledPromotion } from '../promotion-set.ts';
import type { MoneyRule, Proposal } from '../rules/promotion-rule.ts';
import { ruleByKind } from '../rules/promotion-rules.ts';
import { applyShares, sumNet, unitsOf, type WorkLine } from '../work-line.ts';

/** A promotion that took money off, for the explanation list. */
export type PromotionApplication = {
  readonly promotion: CompiledPromotion;
  readonly amountFen: Fen;
  readonly times?: number;
};

/** Per pricing call: the sale, and the sale-wide condition result of each promotion computed at most once. */
export type StageContext = {
  readonly sale: SaleContext;
  readonly holds: Map<CompiledPromotion, boolean>;
};

export function saleConditionsCached(ctx: StageContext, p: CompiledPromotion): boolean {
  let v = ctx.holds.get(p);
  if (v === undefined) {
    v = saleConditionsHold(p.promotion.conditions, ctx.sale);
    ctx.holds.set(p, v);
  }
  return v;
}

/** The lines a promotion may act on now, or undefined when a condition fails. */
export function eligibleLines(
  ctx: StageContext,
  p: CompiledPromotion,
  lineIndexes: readonly number[],
  work: readonly WorkLine[],
): WorkLine[] | undefined {
  if (!saleConditionsCached(ctx, p)) return undefined;
  const lines: WorkLine[] = [];
  for (const i of lineIndexes) {
    const w = work[i];
    if (w.net > 0 && !(p.stage === 'tier' && w.tierBlocked)) lines.push(w);
  }
  if (lines.length === 0) return undefined;
  const c = p.promotion.conditions;
  if (c.minQuantity !== undefined && lines.reduce((n, w) => n + unitsOf(w.line), 0) < c.minQuantity) return undefined;
  if (c.minAmountFen !== undefined && sumNet(lines) < c.minAmountFen) return undefined;
  return lines;
}

/**
 * Run one money stage: promotions in rank order, each on its lines' current net. An exclusivity
 * group is settled where its first member comes: every member is tried on the same state and
 * the largest discount wins (ties to the higher rank); the others do not apply.
 */
export function runPromotionStage(
  stage: 'line' | 'tier' | 'basket',
  matched: ReadonlyMap<CompiledPromotion, readonly number[]>,
  work: readonly WorkLine[],
  ctx: StageContext,
): PromotionApplication[] {
  const inStage = [...matched.keys()].filter((p) => p.stage === stage);
  const settledGroups = new Set<string>();
  const applications: PromotionApplication[] = [];
  for (const p of inStage) {
    const group = p.promotion.exclusivityGroup;
    if (group !== undefined && settledGroups.has(group)) continue;
    const contenders = group === undefined ? [p] : inStage.filter((q) => q.promotion.exclusivityGroup === group);
    if (group !== undefined) settledGroups.add(group);
    let best: { p: CompiledPromotion; lines: WorkLine[]; proposal: Proposal } | undefined;
    for (const q of contenders) {
      const lines = eligibleLines(ctx, q, matched.get(q)!, work);
      if (!lines) continue;
      const rule = ruleByKind.get(q.promotion.effect.kind) as MoneyRule<typeof q.promotion.effect.kind>;
      const proposal = rule.propose(q.promotion.effect, lines, { member: ctx.sale.member });
      if (proposal.total > 0 && (!best || proposal.total > best.proposal.total)) best = { p: q, lines, proposal };
    }
    if (!best) continue;
    applyShares(best.lines, best.proposal.amounts, stage, { kind: 'promotion', promotionId: best.p.promotion.id });
    if (stage === 'line' && best.p.promotion.combinesWithTier !== true) {
      best.lines.forEach((w, i) => {
        if (best.proposal.amounts[i] > 0) w.tierBlocked = true;
      });
    }
    applications.push({ promotion: best.p, amountFen: best.proposal.total, times: best.proposal.times });
  }
  return applications;
}
