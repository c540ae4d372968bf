import { describe, expect, it } from 'vitest';
import { each, gold, price, promo, request, silver, spend200save30, tierRates } from './pricing.fixtures.ts';

describe('default order of application', () => {
  it('line promotion → member tier on the line net → 满减 on the net after both', () => {
    // ¥250 jacket 8折 → 200; 金卡 9折 → 180; 满200减30 not reached on ¥180 … but a ¥30 shirt lifts it to ¥207
    const eightyPercent = promo(
      'jacket-80',
      { kind: 'itemPercentOff', offBp: 2000 },
      { conditions: { skus: { include: ['JACKET'] } }, combinesWithTier: true },
    );
    const lines = [each('j', 'JACKET', 25000, 1, '服装'), each('s', 'SHIRT', 3000, 1, '服装')];
    const cart = price([spend200save30, tierRates, eightyPercent], request(lines, { member: gold }));
    // jacket: 25000 −5000 → 20000 −2000 → 18000; shirt: 3000 −300 → 2700; basket 20700 ≥ 20000: −3000 split 18000:2700
    expect(cart.lines[0].discounts.map((d) => [d.stage, d.amountFen])).toEqual([
      ['line', 5000],
      ['tier', 2000],
      ['basket', 2609],
    ]);
    expect(cart.lines[1].discounts.map((d) => [d.stage, d.amountFen])).toEqual([
      ['tier', 300],
      ['basket', 391],
    ]);
    expect(cart.totals).toMatchObject({ grossFen: 28000, discountFen: 10300, dueFen: 17700 });
    expect(cart.promotionsApplied.map((p) => p.explanation.zh)).toEqual([
      'jacket-80：-¥50.00',
      '会员折扣：-¥23.00',
      '满200减30：-¥30.00',
    ]);
  });
  it('within a stage, higher priority applies first, each on the current net', () => {
    const fixed = promo('fixed', { kind: 'fixedPrice', priceFen: 800 }, { priority: 10 });
    const pct = promo('pct', { kind: 'itemPercentOff', offBp: 1000 }, { priority: 1 });
    // fixed first: 1000 → 800, then 10 % of 800 = 80
    expect(price([pct, fixed], request([each('a', 'A', 1000)])).lines[0].discounts.map((d) => d.amountFen)).toEqual([
      200, 80,
    ]);
    // priorities swapped: 10 % of 1000 = 100 → 900, then fixed 800: 100
    const swapped = price(
      [
        { ...pct, priority: 10 },
        { ...fixed, priority: 1 },
      ],
      request([each('a', 'A', 1000)]),
    );
    expect(swapped.lines[0].discounts.map((d) => d.amountFen)).toEqual([100, 100]);
  });
});

describe('exclusivity groups', () => {
  it('pick the member best for the customer, whatever their priority', () => {
    const eighty = promo(
      'eighty',
      { kind: 'itemPercentOff', offBp: 2000 },
      { exclusivityGroup: 'summer', priority: 5 },
    );
    const halfSecond = promo(
      'half-second',
      { kind: 'nthItemOff', n: 2, offBp: 5000 },
      { exclusivityGroup: 'summer', priority: 1 },
    );
    // two units of ¥10: 8折 = ¥4 off; 第二件半价 = ¥5 off → half-second wins
    const two = price([eighty, halfSecond], request([each('a', 'A', 1000, 2)]));
    expect(two.promotionsApplied.map((p) => [p.promotionId, p.amountFen])).toEqual([['half-second', 500]]);
    // three units: 8折 = ¥6; 第二件半价 = ¥5 → eighty wins
    const three = price([eighty, halfSecond], request([each('a', 'A', 1000, 3)]));
    expect(three.promotionsApplied.map((p) => [p.promotionId, p.amountFen])).toEqual([['eighty', 600]]);
  });
  it('a group of basket thresholds applies only the best reachable tier of 满减', () => {
    const m100 = promo(
      'm100-10',
      { kind: 'basketThreshold', thresholdFen: 10000, amountOffFen: 1000 },
      { exclusivityGroup: 'm' },
    );
    const m200 = { ...spend200save30, exclusivityGroup: 'm' };
    expect(price([m100, m200], request([each('a', 'A', 25000)])).promotionsApplied.map((p) => p.promotionId)).toEqual([
      'm200-30',
    ]);
    expect(price([m100, m200], request([each('a', 'A', 15000)])).promotionsApplied.map((p) => p.promotionId)).toEqual([
      'm100-10',
    ]);
  });
  it('promotions outside a group stack', () => {
    const a = promo('a', { kind: 'itemAmountOff', amountFen: 100 });
    const b = promo('b', { kind: 'itemAmountOff', amountFen: 200 });
    expect(price([a, b], request([each('x', 'X', 1000)])).totals.discountFen).toBe(300);
  });
});

describe('combines-with-tier flag', () => {
  it('a line discounted by a promotion that does not combine gets no tier discount; other lines do', () => {
    const promoOnCola = promo(
      'cola',
      { kind: 'itemPercentOff', offBp: 2000 },
      { conditions: { skus: { include: ['COLA'] } } },
    );
    const cart = price(
      [promoOnCola, tierRates],
      request([each('c', 'COLA', 1000), each('b', 'BREAD', 1000)], { member: silver }),
    );
    expect(cart.lines.map((l) => l.discounts.map((d) => d.stage))).toEqual([['line'], ['tier']]);
    const combining = { ...promoOnCola, combinesWithTier: true };
    const both = price(
      [combining, tierRates],
      request([each('c', 'COLA', 1000), each('b', 'BREAD', 1000)], { member: silver }),
    );
    // 1000 → 800 → pays 95 % = 760
    expect(both.lines.map((l) => l.netFen)).toEqual([760, 950]);
  });
  it('a non-combining promotion that took nothing off a line does not block its tier discount', () => {
    const fixed = promo('fixed', { kind: 'fixedPrice', priceFen: 2000 });
    const cart = price([fixed, tierRates], request([each('c', 'COLA', 1000)], { member: gold }));
    expect(cart.lines[0].discounts.map((d) => [d.stage, d.amountFen])).toEqual([['tier', 100]]);
  });
});
