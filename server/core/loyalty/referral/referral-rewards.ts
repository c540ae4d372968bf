import { FULL_BP, type BasisPoints, type Fen } from '../../money/index.ts';
import { monthOf } from '../calendar.ts';
import { referrersOf, type ReferralLinks } from './referral-links.ts';

export type ReferralRule = {
  /** to the referrer when the referee's first purchase reaches minFirstPurchaseFen */
  readonly firstPurchase:
    { readonly kind: 'points'; readonly points: number } | { readonly kind: 'coupon'; readonly templateId: string };
  readonly minFirstPurchaseFen: Fen;
  /** share of a repeat purchase's net: level 1 = the buyer's referrer, level 2 = the referrer's referrer */
  readonly repeatShareBp: { readonly level1: BasisPoints; readonly level2: BasisPoints };
  /** converts the shared fen to points: `points` per `perFen` */
  readonly shareRate: { readonly points: number; readonly perFen: Fen };
  /** caps on points per beneficiary: per calendar month, and from any one referee over all time */
  readonly capPerMonthPoints?: number;
  readonly capPerRefereePoints?: number;
};

export type ReferralReward = {
  readonly beneficiaryId: string;
  /** the member whose purchase paid the reward */
  readonly refereeId: string;
  readonly level: 1 | 2;
  readonly kind: 'first-purchase' | 'repeat-share';
  readonly points: number;
  readonly templateId?: string;
  readonly saleId: string;
  readonly month: string;
};

export type ReferralSale = {
  readonly memberId: string;
  readonly saleId: string;
  readonly netFen: Fen;
  readonly isFirstPurchase: boolean;
  readonly at: string;
};

/**
 * Rewards a sale pays up the chain (A refers B, B refers C: C's first purchase rewards B; C's repeat
 * purchases pay B level1 and A level2 shares):
 *   share points = ⌊ net × shareBp × points / (10000 × perFen) ⌋, then cut to what the caps leave.
 */
export function referralRewardsForSale(
  rule: ReferralRule,
  links: ReferralLinks,
  history: readonly ReferralReward[],
  sale: ReferralSale,
): ReferralReward[] {
  const month = monthOf(sale.at);
  const [level1, level2] = referrersOf(links, sale.memberId, 2);
  const out: ReferralReward[] = [];
  const capped = (beneficiaryId: string, points: number): number => {
    let monthUsed = 0;
    let refereeUsed = 0;
    for (const r of [...history, ...out]) {
      if (r.beneficiaryId !== beneficiaryId) continue;
      if (r.month === month) monthUsed += r.points;
      if (r.refereeId === sale.memberId) refereeUsed += r.points;
    }
    let p = points;
    if (rule.capPerMonthPoints !== undefined) p = Math.min(p, rule.capPerMonthPoints - monthUsed);
    if (rule.capPerRefereePoints !== undefined) p = Math.min(p, rule.capPerRefereePoints - refereeUsed);
    return Math.max(p, 0);
  };
  const base = { refereeId: sale.memberId, saleId: sale.saleId, month };
  if (sale.isFirstPurchase) {
    if (level1 === undefined || sale.netFen < rule.minFirstPurchaseFen) return [];
    const g = rule.firstPurchase;
    if (g.kind === 'coupon')
      return [
        { ...base, beneficiaryId: level1, level: 1, kind: 'first-purchase', points: 0, templateId: g.templateId },
      ];
    const points = capped(level1, g.points);
    return points > 0 ? [{ ...base, beneficiaryId: level1, level: 1, kind: 'first-purchase', points }] : [];
  }
  const levels: [string | undefined, 1 | 2, BasisPoints][] = [
    [level1, 1, rule.repeatShareBp.level1],
    [level2, 2, rule.repeatShareBp.level2],
  ];
  for (const [beneficiaryId, level, bp] of levels) {
    if (beneficiaryId === undefined || bp <= 0 || sale.netFen <= 0) continue;
    const raw = Number(
      (BigInt(sale.netFen) * BigInt(bp) * BigInt(rule.shareRate.points)) /
        (BigInt(FULL_BP) * BigInt(rule.shareRate.perFen)),
    );
    const points = capped(beneficiaryId, raw);
    if (points > 0) out.push({ ...base, beneficiaryId, level, kind: 'repeat-share', points });
  }
  return out;
}
