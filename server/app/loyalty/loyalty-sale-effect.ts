import type { SaleEffect, SaleEffectInput } from '../checkout/complete-sale.ts';
import { applyMemberSale } from './member-sale.ts';
import type { Loyalty } from './loyalty-stores.ts';
import { loyaltyTime } from './loyalty-time.ts';
import { payStoredValueTenders } from './stored-value.ts';

/** The loyalty side of a completed sale, run inside the sale transaction (complete-sale.ts). */
export function loyaltySaleEffect(l: Loyalty): SaleEffect {
  return {
    name: 'loyalty',
    apply({ sale, priced }: SaleEffectInput) {
      if (!sale.memberId) return;
      const t = loyaltyTime(l.ctx);
      payStoredValueTenders(l, t, sale.memberId, sale.tenders, sale.id);
      const points = priced.pointsRedeemed && !('rejected' in priced.pointsRedeemed) ? priced.pointsRedeemed.used : 0;
      return applyMemberSale(l, t, {
        saleId: sale.id,
        memberId: sale.memberId,
        netFen: sale.dueFen,
        lines: sale.lines.map((x) => ({
          lineId: x.lineId,
          netFen: x.netFen,
          categoryPath: x.categoryPath,
          pointsMultiplierBp: x.pointsMultiplierBp,
          pointsRedeemed: x.pointsRedeemed ?? 0,
          discounted: x.discounts.some((d) => d.sourceKind === 'promotion' || d.sourceKind === 'coupon'),
        })),
        pointsUsed: points,
        couponsApplied: priced.couponsApplied.map((c) => ({ code: c.code, amountFen: c.amountFen })),
        couponTemplatesToIssue: priced.couponTemplatesToIssue,
      });
    },
  };
}
