import { describe, expect, it } from 'vitest';
import { each, price, promo, request, silver, tierRates, spend200save30, gold } from './pricing.fixtures.ts';

const sharesOf = (cart: ReturnType<typeof price>) => cart.lines.map((l) => l.discountFen);

describe('line effects', () => {
  it('itemPercentOff: 8折 rounded half-up per line', () => {
    // 20 % of 3 × ¥3.33 = 199.8 fen → 200; of ¥1.25 = 25
    const cart = price(
      [promo('p', { kind: 'itemPercentOff', offBp: 2000 })],
      request([each('a', 'A', 333, 3), each('b', 'B', 125)]),
    );
    expect(sharesOf(cart)).toEqual([200, 25]);
    expect(cart.totals).toMatchObject({ grossFen: 1124, discountFen: 225, dueFen: 899 });
  });
  it('itemAmountOff: per unit, capped at the line net; once per weighed line', () => {
    const kg = {
      lineId: 'k',
      sku: 'K',
      categoryPath: '生鲜',
      unit: 'kg' as const,
      quantity: 500,
      unitPriceFen: 1000,
      grossFen: 500,
      taxRateBp: 900,
    };
    const cart = price(
      [promo('p', { kind: 'itemAmountOff', amountFen: 100 })],
      request([each('a', 'A', 350, 2), each('b', 'B', 50), kg]),
    );
    expect(sharesOf(cart)).toEqual([200, 50, 100]);
  });
  it('fixedPrice: ¥9.90 a unit, ¥8.00/kg on a weighed line, never raising a price', () => {
    const kg = {
      lineId: 'k',
      sku: 'K',
      categoryPath: '生鲜',
      unit: 'kg' as const,
      quantity: 1250,
      unitPriceFen: 1298,
      grossFen: 1623,
      taxRateBp: 900,
    };
    const cart = price(
      [promo('p', { kind: 'fixedPrice', priceFen: 990 })],
      request([each('a', 'A', 1500, 2), each('b', 'B', 500), kg]),
    );
    // 1623 × 990 / 1298 = 1237.87 → 1238 net; 1623 − 1238 = 385
    expect(sharesOf(cart)).toEqual([1020, 0, 385]);
  });
  it('nthItemOff: 第二件半价 discounts the cheaper unit of each pair', () => {
    // units dearest first: 1000, 1000, 800, 600, 600 → 2nd and 4th positions: one 1000, one 600
    const cart = price(
      [promo('p', { kind: 'nthItemOff', n: 2, offBp: 5000 })],
      request([each('a', 'A', 600, 2), each('b', 'B', 1000, 2), each('c', 'C', 800)]),
    );
    expect(sharesOf(cart)).toEqual([300, 500, 0]);
  });
  it('buyXGetY: 买二送一, the cheapest of each group of three is free, incomplete groups pay', () => {
    // units: 900, 900, 700 | 500, 500, 300 | 300 → free: 700 and 300
    const cart = price(
      [promo('p', { kind: 'buyXGetY', buy: 2, get: 1 })],
      request([each('a', 'A', 900, 2), each('b', 'B', 700), each('c', 'C', 500, 2), each('d', 'D', 300, 2)]),
    );
    expect(sharesOf(cart)).toEqual([0, 700, 0, 300]);
  });
});

describe('member tier, basket and after-sale effects', () => {
  it('银卡 9.5折 and 金卡 9折: the member pays the rate, rounded half-up per line', () => {
    // 1990 × 95 % = 1890.5 → pays 1891, discount 99
    const silverCart = price([tierRates], request([each('a', 'A', 1990)], { member: silver }));
    expect(silverCart.lines[0]).toMatchObject({ discountFen: 99, netFen: 1891 });
    const goldCart = price([tierRates], request([each('a', 'A', 1990)], { member: gold }));
    expect(goldCart.lines[0]).toMatchObject({ discountFen: 199, netFen: 1791 });
    const guestCart = price([tierRates], request([each('a', 'A', 1990)]));
    expect(guestCart.totals.discountFen).toBe(0);
  });
  it('满200减30 allocates ¥30 to the lines in proportion to their net and explains itself', () => {
    const cart = price([spend200save30], request([each('a', 'A', 10000), each('b', 'B', 6000), each('c', 'C', 4000)]));
    expect(sharesOf(cart)).toEqual([1500, 900, 600]);
    expect(cart.promotionsApplied).toEqual([
      {
        promotionId: 'm200-30',
        stage: 'basket',
        amountFen: 3000,
        explanation: { zh: '满200减30：-¥30.00', en: 'Spend ¥200 save ¥30: -¥30.00' },
      },
    ]);
    const below = price([spend200save30], request([each('a', 'A', 19999)]));
    expect(below.totals.discountFen).toBe(0);
  });
  it('每满200减30 repeats per whole ¥200 and stops at its cap', () => {
    const repeat = promo(
      'every',
      { kind: 'basketThreshold', thresholdFen: 20000, amountOffFen: 3000, repeat: true, capFen: 7500 },
      { name: { zh: '每满200减30', en: 'Every ¥200 save ¥30' } },
    );
    expect(price([repeat], request([each('a', 'A', 45000)])).totals.discountFen).toBe(6000);
    expect(price([repeat], request([each('a', 'A', 45000)])).promotionsApplied[0].explanation.zh).toBe(
      '每满200减30 ×2：-¥60.00',
    );
    expect(price([repeat], request([each('a', 'A', 100000)])).totals.discountFen).toBe(7500);
  });
  it('basketPercentOff rounds the total once and allocates it', () => {
    // 5 % of 3 × 333 = 49.95 → 50, split 17/17/16
    const cart = price(
      [promo('p', { kind: 'basketPercentOff', offBp: 500 })],
      request([each('a', 'A', 333), each('b', 'B', 333), each('c', 'C', 333)]),
    );
    expect(sharesOf(cart)).toEqual([17, 17, 16]);
  });
  it('pointsMultiplier: double points on clothing; the highest multiplier wins, they do not compound', () => {
    const clothing = promo(
      'clothes',
      { kind: 'pointsMultiplier', multiplierBp: 20000 },
      {
        conditions: { categories: { include: ['服装'] } },
        name: { zh: '服装双倍积分', en: 'Double points on clothing' },
      },
    );
    const evening = promo(
      'evening',
      { kind: 'pointsMultiplier', multiplierBp: 15000 },
      { conditions: { timeOfDay: { from: '09:00', to: '22:00' } } },
    );
    const cart = price([clothing, evening], request([each('a', 'A', 100, 1, '服装/上衣'), each('b', 'B', 100)]));
    expect(cart.lines.map((l) => l.pointsMultiplierBp)).toEqual([20000, 15000]);
    expect(cart.promotionsApplied.map((p) => p.explanation.zh)).toEqual(['服装双倍积分：积分×2', 'evening：积分×1.5']);
  });
  it('issueCoupon: 满100送券 after the sale, judged on the final net', () => {
    const issue = promo(
      'next-visit',
      { kind: 'issueCoupon', templateId: 'T-100-20' },
      { conditions: { minAmountFen: 10000 } },
    );
    expect(price([issue], request([each('a', 'A', 10000)])).couponTemplatesToIssue).toEqual([
      { promotionId: 'next-visit', templateId: 'T-100-20', count: 1 },
    ]);
    // a 10 % discount brings the net below ¥100: nothing earned
    const off = promo('off', { kind: 'itemPercentOff', offBp: 1000 });
    expect(price([issue, off], request([each('a', 'A', 10000)])).couponTemplatesToIssue).toEqual([]);
  });
});

describe('tax', () => {
  it('extracts the VAT included in each net half-up: ¥113.00 at 13 % holds ¥13.00', () => {
    const cart = price([], request([each('a', 'A', 11300), each('b', 'B', 1000, 1, '生鲜', 900)]));
    // 1000 × 900 / 10900 = 82.57 → 83
    expect(cart.lines.map((l) => l.taxFen)).toEqual([1300, 83]);
    expect(cart.totals.taxFen).toBe(1383);
  });
});
