import type { Coupon } from './coupon.ts';
import { describe, expect, it } from 'vitest';
import { each, price, request } from './pricing.fixtures.ts';

/** A basket of three lines in three categories: apples ¥25, milk ¥90, two colas ¥6. */
const basket = [
  each('a', 'APPLE', 2500, 1, '生鲜/水果/苹果'),
  each('b', 'MILK', 9000, 1, '乳品/牛奶'),
  each('c', 'COLA', 300, 2, '食品/饮料/碳酸饮料'),
];
const common = { code: 'C1', templateId: 'T1' };
const amountOff = (scope?: Coupon['scope']): Coupon => ({
  ...common,
  kind: 'amountOff',
  thresholdFen: 2000,
  amountOffFen: 500,
  ...(scope ? { scope } : {}),
});
const percentOff = (scope?: Coupon['scope']): Coupon => ({
  ...common,
  kind: 'percentOff',
  offBp: 1000,
  ...(scope ? { scope } : {}),
});
const categoryAmountOff = (scope?: Coupon['scope']): Coupon => ({
  ...common,
  kind: 'categoryAmountOff',
  categories: ['生鲜', '乳品'],
  thresholdFen: 2000,
  amountOffFen: 500,
  ...(scope ? { scope } : {}),
});
const freeCola = (scope?: Coupon['scope']): Coupon => ({
  ...common,
  kind: 'freeItem',
  sku: 'COLA',
  thresholdFen: 5000,
  ...(scope ? { scope } : {}),
});

/** [kind, scope, coupon amount per line (apples, milk, colas) — or the rejection reason] */
const table: Array<[string, Coupon['scope'] | undefined, Coupon, number[] | string]> = [
  ['amount off', undefined, amountOff(), [103, 372, 25]],
  ['amount off', { skus: ['APPLE'] }, amountOff({ skus: ['APPLE'] }), [500, 0, 0]],
  ['amount off', { categories: ['乳品'] }, amountOff({ categories: ['乳品'] }), [0, 500, 0]],
  [
    'amount off',
    { skus: ['COLA'], categories: ['生鲜'] },
    amountOff({ skus: ['COLA'], categories: ['生鲜'] }),
    [403, 0, 97],
  ],
  ['amount off', { skus: ['COLA'] }, amountOff({ skus: ['COLA'] }), 'PRICING_COUPON_THRESHOLD_NOT_MET'],
  ['amount off', { skus: ['NONE'] }, amountOff({ skus: ['NONE'] }), 'PRICING_COUPON_NO_ELIGIBLE_LINES'],
  ['percent off', undefined, percentOff(), [250, 900, 60]],
  ['percent off', { skus: ['APPLE'] }, percentOff({ skus: ['APPLE'] }), [250, 0, 0]],
  ['percent off', { categories: ['乳品'] }, percentOff({ categories: ['乳品'] }), [0, 900, 0]],
  ['percent off', { categories: ['食品/饮料'] }, percentOff({ categories: ['食品/饮料'] }), [0, 0, 60]],
  [
    'percent off',
    { skus: ['MILK'], categories: ['生鲜'] },
    percentOff({ skus: ['MILK'], categories: ['生鲜'] }),
    [250, 900, 0],
  ],
  ['category amount off', undefined, categoryAmountOff(), [109, 391, 0]],
  ['category amount off', { skus: ['MILK'] }, categoryAmountOff({ skus: ['MILK'] }), [0, 500, 0]],
  [
    'category amount off',
    { skus: ['COLA'] },
    categoryAmountOff({ skus: ['COLA'] }),
    'PRICING_COUPON_NO_ELIGIBLE_LINES',
  ],
  ['free item', undefined, freeCola(), [0, 0, 300]],
  ['free item', { categories: ['乳品'] }, freeCola({ categories: ['乳品'] }), [0, 0, 300]],
  ['free item', { categories: ['生鲜'] }, freeCola({ categories: ['生鲜'] }), 'PRICING_COUPON_THRESHOLD_NOT_MET'],
];

describe('a coupon’s scope holds for every kind', () => {
  it.each(table)('%s scoped to %j takes its amount off the lines in scope only', (_kind, _scope, coupon, expected) => {
    const cart = price([], request(basket, { coupons: [coupon] }));
    if (typeof expected === 'string') {
      expect(cart.couponsApplied).toEqual([]);
      expect(cart.couponsRejected.map((r) => r.reason)).toEqual([expected]);
      return;
    }
    expect(cart.couponsRejected).toEqual([]);
    expect(cart.lines.map((l) => l.discountFen)).toEqual(expected);
  });
});
