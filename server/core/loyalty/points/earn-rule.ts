import { allocate, FULL_BP, mulDivHalfUp, type BasisPoints, type Fen } from '../../money/index.ts';
import type { EarnRule } from './points-config.ts';
import type { LineShare } from './points-entry.ts';

/** A priced sale line as the pricing engine hands it over: final net after every discount. */
export type EarnLine = {
  readonly lineId: string;
  readonly netFen: Fen;
  readonly categoryPath: readonly string[];
  /** promotion effect "points multiplier" from pricing; 10000 = ×1 */
  readonly pointsMultiplierBp: BasisPoints;
};

export type EarnSale = {
  readonly lines: readonly EarnLine[];
  /** 0 = Sunday … 6 = Saturday, local */
  readonly weekday: number;
  /** minutes since local midnight */
  readonly localMinute: number;
};

export type SalePoints = {
  readonly points: number;
  readonly windowMultiplierBp: BasisPoints;
  /** per line: net, combined multiplier and its share of the points (shares sum to points) */
  readonly lines: readonly (LineShare & { readonly multiplierBp: BasisPoints })[];
};

/** The deepest configured category path that prefixes the line's path sets its multiplier; none → ×1. */
export function categoryMultiplierBp(rule: EarnRule, categoryPath: readonly string[]): BasisPoints {
  let best: BasisPoints = FULL_BP;
  let depth = -1;
  for (const c of rule.categoryMultipliers) {
    if (c.categoryPath.length > categoryPath.length || c.categoryPath.length <= depth) continue;
    if (c.categoryPath.every((seg, i) => categoryPath[i] === seg)) {
      best = c.multiplierBp;
      depth = c.categoryPath.length;
    }
  }
  return best;
}

/** The highest multiplier among the windows open at that minute; none → ×1. Windows do not compound. */
export function timeWindowMultiplierBp(rule: EarnRule, weekday: number, localMinute: number): BasisPoints {
  let best: BasisPoints = FULL_BP;
  let found = false;
  for (const w of rule.timeWindows) {
    if (w.weekdays && w.weekdays.length > 0 && !w.weekdays.includes(weekday)) continue;
    if (localMinute < w.fromMinute || localMinute >= w.toMinute) continue;
    if (!found || w.multiplierBp > best) best = w.multiplierBp;
    found = true;
  }
  return best;
}

/**
 * Points for a sale, rounded down once per sale:
 *   m_i    = line × category × time window × tier multipliers, each step half-up to a whole bp
 *   points = floor( Σ max(net_i, 0) × m_i × rule.points / (rule.perFen × 10000) )
 * The points are then split over the lines by largest remainder on the weights net_i × m_i,
 * so a refund can claw back exactly the lines' share (see clawback.ts).
 */
export function computeSalePoints(rule: EarnRule, sale: EarnSale, tierMultiplierBp: BasisPoints): SalePoints {
  const windowBp = timeWindowMultiplierBp(rule, sale.weekday, sale.localMinute);
  const multipliers = sale.lines.map((l) => {
    let m = mulDivHalfUp(l.pointsMultiplierBp, categoryMultiplierBp(rule, l.categoryPath), FULL_BP);
    m = mulDivHalfUp(m, windowBp, FULL_BP);
    return mulDivHalfUp(m, tierMultiplierBp, FULL_BP);
  });
  const weights = sale.lines.map((l, i) => Math.max(l.netFen, 0) * multipliers[i]);
  let total = 0n;
  for (const w of weights) total += BigInt(w);
  const points = Number((total * BigInt(rule.points)) / (BigInt(rule.perFen) * BigInt(FULL_BP)));
  const shares = points === 0 ? weights.map(() => 0) : allocate(points, weights);
  return {
    points,
    windowMultiplierBp: windowBp,
    lines: sale.lines.map((l, i) => ({
      lineId: l.lineId,
      netFen: l.netFen,
      multiplierBp: multipliers[i],
      points: shares[i],
    })),
  };
}

/** Fixed points for a behaviour (registration, review, share); 0 when the behaviour is not configured. */
export function behaviourPoints(rule: EarnRule, behaviour: string): number {
  return Object.hasOwn(rule.behaviour, behaviour) ? rule.behaviour[behaviour] : 0;
}
