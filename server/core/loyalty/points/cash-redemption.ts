import { FULL_BP, mulDivFloor, type Fen } from '../../money/index.ts';
import { err, ok, type Result } from '../../result.ts';
import type { RedemptionRule } from './points-config.ts';

export type CashRedemption = { readonly points: number; readonly fen: Fen };

export type CashRedemptionError =
  'LOYALTY_POINTS_INVALID' | 'LOYALTY_INSUFFICIENT_POINTS' | 'LOYALTY_BELOW_MINIMUM' | 'LOYALTY_ABOVE_CAP';

/** Fen the points are worth, rounded down to the fen. */
export function pointsValueFen(rule: RedemptionRule, points: number): Fen {
  return mulDivFloor(points, rule.fen, rule.points);
}

/** The fewest points worth `fen`: ⌈fen × points / fen_rule⌉ (a partial fen is never charged). */
export function pointsForFen(rule: RedemptionRule, fen: Fen): number {
  const floor = mulDivFloor(fen, rule.points, rule.fen);
  return floor * rule.fen < fen * rule.points ? floor + 1 : floor;
}

/** The cap: capBp of the amount due, rounded down to the fen so the cap is never exceeded. */
export function redemptionCapFen(rule: RedemptionRule, amountDueFen: Fen): Fen {
  return rule.capBp >= FULL_BP ? amountDueFen : mulDivFloor(amountDueFen, rule.capBp, FULL_BP);
}

/** Most points the lane may offer on this sale (0 when fewer than the minimum are usable). */
export function maxRedeemablePoints(rule: RedemptionRule, availablePoints: number, amountDueFen: Fen): number {
  const byCap = pointsForFen(rule, redemptionCapFen(rule, amountDueFen));
  const max = Math.min(availablePoints, byCap);
  return max < rule.minimumPoints ? 0 : pointsForFen(rule, pointsValueFen(rule, max));
}

/**
 * Points as cash (100 points = ¥1 by default). Points that do not make a whole fen are not used:
 * with 200 points = ¥1, asking 151 gives 75 fen for 150 points.
 */
export function redeemAsCash(
  rule: RedemptionRule,
  input: { readonly requestedPoints: number; readonly availablePoints: number; readonly amountDueFen: Fen },
): Result<CashRedemption, CashRedemptionError> {
  const { requestedPoints, availablePoints, amountDueFen } = input;
  if (!Number.isSafeInteger(requestedPoints) || requestedPoints <= 0) return err('LOYALTY_POINTS_INVALID', 'points');
  if (requestedPoints > availablePoints)
    return err('LOYALTY_INSUFFICIENT_POINTS', 'points', { available: availablePoints });
  if (requestedPoints < rule.minimumPoints)
    return err('LOYALTY_BELOW_MINIMUM', 'points', { minimum: rule.minimumPoints });
  const fen = pointsValueFen(rule, requestedPoints);
  if (fen > redemptionCapFen(rule, amountDueFen)) {
    return err('LOYALTY_ABOVE_CAP', 'points', { maxPoints: maxRedeemablePoints(rule, availablePoints, amountDueFen) });
  }
  return ok({ points: pointsForFen(rule, fen), fen });
}
