import type { SaleEffect, SaleEffectInput } from '../checkout/complete-sale.ts';
import { maskPhone } from '../../core/members/index.ts';
import { applyMemberSale } from './member-sale.ts';
import type { Loyalty } from './loyalty.ts';
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
      const { pointsEarned } = applyMemberSale(l, t, {
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
      // the receipt's member block: the phone masked as the lane shows it, the balance after this sale
      const member = l.stores.members.byId(sale.memberId)!;
      return {
        pointsEarned,
        receiptMember: { maskedPhone: maskPhone(member.phone), pointsEarned, pointsBalance: member.pointsBalance },
      };
    },
  };
}
