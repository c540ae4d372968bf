import type { Effect, EffectKind } from '../promotion.ts';
import type { Member } from '../pricing-request.ts';
import type { Fen } from '../../money/index.ts';
import type { WorkLine } from '../work-line.ts';

/** Stages with money effects; 'afterSale' effects (points multiplier, coupon issue) only read the result. */
export type PromotionStage = 'line' | 'tier' | 'basket' | 'afterSale';

/** What a promotion would take off each of its lines (parallel to the lines it was given), never more than a line's net. */
export type Proposal = {
  readonly amounts: readonly Fen[];
  readonly total: Fen;
  /** how many times a repeating threshold applied (每满) */
  readonly times?: number;
};

export type RuleContext = { readonly member?: Member };

export type MoneyRule<K extends EffectKind> = {
  readonly kind: K;
  readonly stage: 'line' | 'tier' | 'basket';
  propose(effect: Extract<Effect, { kind: K }>, lines: readonly WorkLine[], ctx: RuleContext): Proposal;
};

export type AfterSaleRule<K extends EffectKind> = { readonly kind: K; readonly stage: 'afterSale' };

export type PromotionRule = MoneyRule<EffectKind> | AfterSaleRule<EffectKind>;

/** Build a proposal from per-line amounts, each capped at the line's net. */
export function perLine(lines: readonly WorkLine[], amountOf: (w: WorkLine, i: number) => Fen): Proposal {
  const amounts = new Array<Fen>(lines.length);
  let total = 0;
  for (let i = 0; i < lines.length; i++) {
    const a = Math.max(0, Math.min(lines[i].net, amountOf(lines[i], i)));
    amounts[i] = a;
    total += a;
  }
  return { amounts, total };
}
