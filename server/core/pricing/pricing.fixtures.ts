import type { Effect, Promotion } from './promotion.ts';
import type { CartLine } from '../catalog/cart-line.ts';
import type { PricingRequest } from './pricing-request.ts';
import type { PricingSettings } from './pricing-settings.ts';
/** Builders shared by the pricing tests (not used by production code). */
import { compilePromotionSet, type PromotionSet } from './promotion-set.ts';
import { priceCart } from './price-cart.ts';
import type { PricedCart } from './priced-cart.ts';

/** Wednesday 2024-06-12, 10:00. */
export const AT = { date: '2024-06-12', weekday: 3, minuteOfDay: 600 };

export function promo(id: string, effect: Effect, extra: Partial<Omit<Promotion, 'id' | 'effect'>> = {}): Promotion {
  return { id, name: { zh: id, en: id }, priority: 0, conditions: {}, effect, ...extra };
}

export function each(
  lineId: string,
  sku: string,
  unitPriceFen: number,
  quantity = 1,
  categoryPath = '食品/饮料',
  taxRateBp = 1300,
): CartLine {
  return {
    lineId,
    sku,
    categoryPath,
    unit: 'each',
    quantity,
    unitPriceFen,
    grossFen: unitPriceFen * quantity,
    taxRateBp,
  };
}

export function request(lines: CartLine[], extra: Partial<PricingRequest> = {}): PricingRequest {
  return { storeId: 'S1', at: AT, lines, ...extra };
}

export function compile(promotions: readonly Promotion[]): PromotionSet {
  const r = compilePromotionSet(promotions);
  if (!r.ok) throw new Error(`fixture promotions invalid: ${JSON.stringify(r)}`);
  return r.value;
}

export function price(promotions: readonly Promotion[], req: PricingRequest, settings?: PricingSettings): PricedCart {
  return priceCart(compile(promotions), req, settings);
}

export const silver = { id: 'M1', tier: 'silver', tags: [], firstPurchase: false };
export const gold = { id: 'M2', tier: 'gold', tags: ['vip'], firstPurchase: false };

/** 银卡 9.5折 / 金卡 9折 from the brochures. */
export const tierRates = promo(
  'tier',
  { kind: 'memberTierRate', payBpByTier: { silver: 9500, gold: 9000 } },
  { name: { zh: '会员折扣', en: 'Member discount' } },
);
/** 满200减30 */
export const spend200save30 = promo(
  'm200-30',
  { kind: 'basketThreshold', thresholdFen: 20000, amountOffFen: 3000 },
  { name: { zh: '满200减30', en: 'Spend ¥200 save ¥30' } },
);
