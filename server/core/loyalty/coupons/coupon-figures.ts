import { FULL_BP, mulDivHalfUp, type BasisPoints, type Fen } from '../../money/index.ts';
import { localHourOf } from '../calendar.ts';
import type { CouponInstance } from './coupon-instance.ts';

export type HourFigures = { readonly hour: number; readonly issued: number; readonly redeemed: number };

export type CouponFigures = {
  readonly templateId: string;
  readonly issued: number;
  readonly redeemed: number;
  /** 核销率: redeemed / issued, half-up bp */
  readonly redemptionRateBp: BasisPoints;
  /** net of the sales that used the coupons */
  readonly salesDrivenFen: Fen;
  /** discount given */
  readonly costFen: Fen;
  /** sales driven per unit of cost (投入产出比), half-up bp: 150000 = 15 : 1; null without cost */
  readonly roiBp: BasisPoints | null;
  /** by local hour of issue (晚8点发放的红包核销率更高) */
  readonly byHourIssued: readonly HourFigures[];
};

/** Per template figures from instances (their current status: a restored coupon is not redeemed). */
export function couponFigures(coupons: Iterable<CouponInstance>): CouponFigures[] {
  const by = new Map<
    string,
    { issued: number; redeemed: number; sales: Fen; cost: Fen; hours: { issued: number; redeemed: number }[] }
  >();
  for (const c of coupons) {
    let f = by.get(c.templateId);
    if (!f)
      by.set(
        c.templateId,
        (f = {
          issued: 0,
          redeemed: 0,
          sales: 0,
          cost: 0,
          hours: Array.from({ length: 24 }, () => ({ issued: 0, redeemed: 0 })),
        }),
      );
    const hour = f.hours[localHourOf(c.issuedAt)];
    f.issued++;
    hour.issued++;
    if (c.status === 'redeemed') {
      f.redeemed++;
      hour.redeemed++;
      f.sales += c.saleNetFen ?? 0;
      f.cost += c.discountFen ?? 0;
    }
  }
  return [...by.keys()].sort().map((templateId) => {
    const f = by.get(templateId)!;
    return {
      templateId,
      issued: f.issued,
      redeemed: f.redeemed,
      redemptionRateBp: mulDivHalfUp(f.redeemed, FULL_BP, f.issued),
      salesDrivenFen: f.sales,
      costFen: f.cost,
      roiBp: f.cost > 0 ? mulDivHalfUp(f.sales, FULL_BP, f.cost) : null,
      byHourIssued: f.hours.map((h, hour) => ({ hour, ...h })),
    };
  });
}
