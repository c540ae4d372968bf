import type { CartLine } from '../../contracts/pricing/pricing-request.schema.ts';
import { formatYuan } from '../../core/money/index.ts';
import type { DiscountShare, PricedCart, PromotionSet } from '../../core/pricing/index.ts';
import type { Cart } from '../../core/sale/cart.ts';
import type { CartView } from '../../contracts/lane/lane-replies.ts';

export type Label = { zh: string; en: string };

/** The wire shape is the contract's: cartView below is checked against it. */
export type { CartView };

const SOURCE_LABELS: Record<Exclude<DiscountShare['source']['kind'], 'promotion' | 'coupon'>, Label> = {
  points: { zh: '积分抵现', en: 'Points' },
  rounding: { zh: '抹零', en: 'Rounding' },
};

export function labelOf(share: DiscountShare, names: ReadonlyMap<string, Label>): Label {
  switch (share.source.kind) {
    case 'promotion':
      return names.get(share.source.promotionId) ?? { zh: share.source.promotionId, en: share.source.promotionId };
    case 'coupon':
      return { zh: `优惠券 ${share.source.code}`, en: `Coupon ${share.source.code}` };
    default:
      return SOURCE_LABELS[share.source.kind];
  }
}

export function promotionNames(set: PromotionSet): Map<string, Label> {
  return new Map(set.promotions.map((p) => [p.promotion.id, p.promotion.name]));
}

export function cartView(
  cart: Cart,
  lines: readonly CartLine[],
  priced: PricedCart,
  names: ReadonlyMap<string, Label>,
): CartView {
  const tenderedFen = cart.tenders.reduce((sum, t) => sum + t.amountFen, 0);
  const due = priced.totals.dueFen;
  const changeFen = Math.max(0, tenderedFen - due);
  return {
    cartId: cart.id,
    laneId: cart.laneId,
    totaled: cart.totaled,
    memberId: cart.memberId ?? null,
    lines: priced.lines.map((p, i) => {
      const item = cart.items[i];
      return {
        lineId: p.lineId,
        sku: p.sku,
        name: { zh: item.product.names.zh, en: item.product.names.en ?? item.product.names.zh },
        unit: lines[i].unit,
        quantity: lines[i].quantity,
        unitPriceFen: lines[i].unitPriceFen,
        priceOverridden: item.unitPriceOverrideFen !== undefined,
        grossFen: p.grossFen,
        discounts: p.discounts.map((d) => ({
          stage: d.stage,
          source: d.source,
          label: labelOf(d, names),
          amountFen: d.amountFen,
        })),
        netFen: p.netFen,
        taxFen: p.taxFen,
      };
    }),
    totals: priced.totals,
    promotions: priced.promotionsApplied
      .filter((a) => a.amountFen !== 0 || a.stage === 'afterSale')
      .map((a) => ({ id: a.promotionId, amountFen: a.amountFen, text: a.explanation })),
    coupons: { applied: priced.couponsApplied, rejected: priced.couponsRejected, codes: cart.couponCodes },
    pointsRedeemed: priced.pointsRedeemed,
    rounding: priced.rounding,
    tenders: cart.tenders,
    tenderedFen,
    remainingFen: Math.max(0, due - tenderedFen),
    changeFen,
    display: { due: formatYuan(due), tendered: formatYuan(tenderedFen), change: formatYuan(changeFen) },
  };
}
