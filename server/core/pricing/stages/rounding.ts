import type { PricingSettings } from '../pricing-settings.ts';
import { allocate, type Fen } from '../../money/index.ts';
import { applyShares, sumNet, type WorkLine } from '../work-line.ts';

/**
 * Stage 6: 抹零 on the amount due, shown as its own allocated amount (DESIGN.md "Money").
 * dropFen: ¥12.38 → ¥12.30 (the customer never pays more); roundJiaoHalfUp: ¥12.34 → ¥12.30,
 * ¥12.35 → ¥12.40 (a negative share: 5 fen added, allocated like a discount).
 * Returns the amount taken off (negative when rounded up).
 */
export function roundDue(mode: PricingSettings['rounding'], work: readonly WorkLine[]): Fen {
  const due = sumNet(work);
  const fen = due % 10;
  if (mode === 'none' || fen === 0) return 0;
  const nets = work.map((w) => w.net);
  if (mode === 'dropFen' || fen < 5) {
    applyShares(work, allocate(fen, nets), 'rounding', { kind: 'rounding' });
    return fen;
  }
  const up = 10 - fen;
  applyShares(
    work,
    allocate(up, nets).map((a) => -a),
    'rounding',
    { kind: 'rounding' },
  );
  return -up;
}
