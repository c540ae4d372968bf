import type { CartLine } from '../catalog/cart-line.ts';
import type { Fen } from '../money/index.ts';

/** The six stages of the default order of application (docs/pricing.md). */
export type DiscountStage = 'line' | 'tier' | 'basket' | 'coupon' | 'points' | 'rounding';

export type DiscountSource =
  | { readonly kind: 'promotion'; readonly promotionId: string }
  | { readonly kind: 'coupon'; readonly code: string }
  | { readonly kind: 'points' }
  | { readonly kind: 'rounding' };

/** One line's share of one discount. Positive takes money off; only 抹零 rounded up is negative. */
export type DiscountShare = {
  readonly stage: DiscountStage;
  readonly source: DiscountSource;
  readonly amountFen: Fen;
};

/** A line while the engine works on it: its current net falls stage by stage. */
export type WorkLine = {
  readonly line: CartLine;
  net: Fen;
  shares: DiscountShare[];
  /** a line promotion that does not combine with the member-tier discount took money off */
  tierBlocked: boolean;
};

export function startLines(lines: readonly CartLine[]): WorkLine[] {
  return lines.map((line) => ({ line, net: line.grossFen, shares: [], tierBlocked: false }));
}

export function cloneLines(lines: readonly WorkLine[]): WorkLine[] {
  return lines.map((w) => ({ line: w.line, net: w.net, shares: [...w.shares], tierBlocked: w.tierBlocked }));
}

/** Take `amounts[i]` off `lines[i]`; zero amounts leave no trace. */
export function applyShares(
  lines: readonly WorkLine[],
  amounts: readonly Fen[],
  stage: DiscountStage,
  source: DiscountSource,
): void {
  for (let i = 0; i < lines.length; i++) {
    const amountFen = amounts[i];
    if (amountFen === 0) continue;
    if (amountFen > lines[i].net) throw new RangeError(`line ${lines[i].line.lineId} would go below zero`);
    lines[i].net -= amountFen;
    lines[i].shares.push({ stage, source, amountFen });
  }
}

export function sumNet(lines: readonly WorkLine[]): Fen {
  let total = 0;
  for (const w of lines) total += w.net;
  return total;
}

/** Units of a line for minimum-quantity conditions: a count, or 1 for a weighed line. */
export function unitsOf(line: CartLine): number {
  return line.unit === 'each' ? line.quantity : 1;
}
