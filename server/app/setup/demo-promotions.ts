import type { Promotion } from '../../contracts/pricing/promotion.schema.ts';

/**
 * The brochures' promotions for the demo store: 银卡9.5折 / 金卡9折, 满200减30, 第二件半价 on
 * drinks, double points on clothing, double points 20:00–22:00, 满100送 a next-visit coupon.
 */
export function demoPromotions(): Promotion[] {
  return [
    {
      id: 'tier-rate',
      name: { zh: '会员折扣', en: 'Member discount' },
      priority: 0,
      conditions: {},
      effect: { kind: 'memberTierRate', payBpByTier: { silver: 9500, gold: 9000, diamond: 8800 } },
    },
    {
      id: 'spend-200-save-30',
      name: { zh: '满200减30', en: 'Spend ¥200 save ¥30' },
      priority: 0,
      conditions: {},
      effect: { kind: 'basketThreshold', thresholdFen: 20_000, amountOffFen: 3_000 },
    },
    {
      id: 'drinks-second-half',
      name: { zh: '饮料第二件半价', en: 'Drinks: second at half price' },
      priority: 10,
      conditions: { categories: { include: ['食品/饮料'] } },
      effect: { kind: 'nthItemOff', n: 2, offBp: 5_000 },
    },
    {
      id: 'clothing-double-points',
      name: { zh: '服装双倍积分', en: 'Double points on clothing' },
      priority: 0,
      conditions: { categories: { include: ['服装'] } },
      effect: { kind: 'pointsMultiplier', multiplierBp: 20_000 },
    },
    {
      id: 'evening-double-points',
      name: { zh: '晚间双倍积分', en: 'Double points 20:00–22:00' },
      priority: 0,
      conditions: { timeOfDay: { from: '20:00', to: '22:00' } },
      effect: { kind: 'pointsMultiplier', multiplierBp: 20_000 },
    },
    {
      id: 'spend-100-next-visit',
      name: { zh: '满100送满100减20券', en: 'Spend ¥100, get a ¥20-off-¥100 coupon' },
      priority: 0,
      conditions: { minAmountFen: 10_000 },
      effect: { kind: 'issueCoupon', templateId: 'NEXT-100-20', count: 1 },
    },
  ];
}
