import type { PricingSettings } from '../pricing-settings.ts';
import type { PricingErrorCode } from '../pricing-error-code.ts';
import { allocate, mulDivFloor, FULL_BP, type Fen } from '../../money/index.ts';
import { applyShares, sumNet, type WorkLine } from '../work-line.ts';

export type PointsRedemption =
  | {
      readonly requested: number;
      readonly used: number;
      readonly fen: Fen;
      /** the points each line carries, parallel to the work lines (the one allocation refunds read back) */
      readonly linePoints: readonly number[];
    }
  | {
      readonly requested: number;
      readonly used: 0;
      readonly fen: 0;
      readonly rejected: PricingErrorCode;
      readonly params: Readonly<Record<string, number>>;
    };

/**
 * Stage 5: points as cash. Worth: pointsPerYuan points = ¥1 (100 fen), rounded down to whole fen
 * and whole points; at most maxShareBp of the amount due after stages 1–4. The fen are allocated to
 * lines by their net before this stage, and the points used follow the fen shares (largest remainder:
 * at a whole number of points per fen each line's points are exactly its fen share × that number).
 * This is the one allocation: stored with each sale line, read by the refund slip and the ledger.
 */
export function redeemPoints(
  requested: number,
  rule: PricingSettings['pointsRedemption'],
  work: readonly WorkLine[],
): PointsRedemption {
  const reject = (rejected: PricingErrorCode) => ({
    requested,
    used: 0 as const,
    fen: 0 as const,
    rejected,
    params: { minPoints: rule.minPoints },
  });
  if (requested < rule.minPoints) return reject('PRICING_POINTS_BELOW_MINIMUM');
  const due = sumNet(work);
  const maxFen = Math.min(mulDivFloor(requested, 100, rule.pointsPerYuan), mulDivFloor(due, rule.maxShareBp, FULL_BP));
  // whole points only: when a point is worth more than a fen, some fen of maxFen may be unreachable
  const used = mulDivFloor(maxFen, rule.pointsPerYuan, 100);
  const fen = mulDivFloor(used, 100, rule.pointsPerYuan);
  if (fen === 0) return reject('PRICING_POINTS_NOTHING_TO_REDEEM');
  if (used < rule.minPoints) return reject('PRICING_POINTS_BELOW_MINIMUM');
  const fenShares = allocate(
    fen,
    work.map((w) => w.net),
  );
  applyShares(work, fenShares, 'points', { kind: 'points' });
  return { requested, used, fen, linePoints: allocate(used, fenShares) };
}
