import type { Coupon } from './coupon.ts';
import { describe, expect, it } from 'vitest';
import { bestCoupons } from './best-coupons.ts';
import { DEFAULT_PRICING_SETTINGS } from './pricing-settings.ts';
import { compile, each, price, request, spend200save30 } from './pricing.fixtures.ts';

const new50: Coupon = {
  kind: 'amountOff',
  code: 'C-NEW',
  templateId: 'T-50-10',
  thresholdFen: 5000,
  amountOffFen: 1000,
  name: { zh: '满50减10', en: '¥10 off ¥50' },
};
const next100: Coupon = {
  kind: 'amountOff',
  code: 'C-NEXT',
  templateId: 'T-100-20',
  thresholdFen: 10000,
  amountOffFen: 2000,
};

describe('coupons (stage 4)', () => {
  it('checks the threshold on the net after promotions: ¥210 − 满减 ¥30 = ¥180 fails 满200 but passes 满100', () => {
    const m200: Coupon = {
      kind: 'amountOff',
      code: 'C-200',
      templateId: 'T-200-20',
      thresholdFen: 20000,
      amountOffFen: 2000,
    };
    const cart = price([spend200save30], request([each('a', 'A', 21000)], { coupons: [m200] }));
    expect(cart.couponsRejected).toEqual([
      {
        code: 'C-200',
        templateId: 'T-200-20',
        reason: 'PRICING_COUPON_THRESHOLD_NOT_MET',
        params: { code: 'C-200', threshold: '¥200.00', amount: '¥180.00' },
      },
    ]);
    const ok = price([spend200save30], request([each('a', 'A', 21000)], { coupons: [next100] }));
    expect(ok.couponsApplied).toEqual([
      {
        code: 'C-NEXT',
        templateId: 'T-100-20',
        amountFen: 2000,
        explanation: { zh: '优惠券 C-NEXT：-¥20.00', en: 'Coupon C-NEXT: -¥20.00' },
      },
    ]);
    expect(ok.totals.dueFen).toBe(16000);
  });
  it('allocates the coupon over the lines by net and names it on each share', () => {
    const cart = price([], request([each('a', 'A', 3000), each('b', 'B', 3000)], { coupons: [new50] }));
    expect(cart.lines.map((l) => l.discounts)).toEqual([
      [{ stage: 'coupon', source: { kind: 'coupon', code: 'C-NEW' }, amountFen: 500 }],
      [{ stage: 'coupon', source: { kind: 'coupon', code: 'C-NEW' }, amountFen: 500 }],
    ]);
    expect(cart.couponsApplied[0].explanation.zh).toBe('满50减10：-¥10.00');
  });
  it('percent-off with a cap, category-scoped, and free-item coupons', () => {
    const pct: Coupon = { kind: 'percentOff', code: 'P', templateId: 'T-P', offBp: 1000, capFen: 500 };
    expect(price([], request([each('a', 'A', 3000)], { coupons: [pct] })).totals.discountFen).toBe(300);
    expect(price([], request([each('a', 'A', 9000)], { coupons: [pct] })).totals.discountFen).toBe(500);
    const fruit: Coupon = {
      kind: 'categoryAmountOff',
      code: 'F',
      templateId: 'T-F',
      categories: ['生鲜/水果'],
      thresholdFen: 2000,
      amountOffFen: 500,
    };
    const fruitCart = price(
      [],
      request([each('a', 'APPLE', 2500, 1, '生鲜/水果/苹果'), each('b', 'MILK', 9000, 1, '乳品')], {
        coupons: [fruit],
      }),
    );
    expect(fruitCart.lines.map((l) => l.discountFen)).toEqual([500, 0]);
    const fruitShort = price(
      [],
      request([each('a', 'APPLE', 1500, 1, '生鲜/水果/苹果'), each('b', 'MILK', 9000, 1, '乳品')], {
        coupons: [fruit],
      }),
    );
    expect(fruitShort.couponsRejected.map((r) => r.reason)).toEqual(['PRICING_COUPON_THRESHOLD_NOT_MET']);
    const free: Coupon = { kind: 'freeItem', code: 'FREE', templateId: 'T-FREE', sku: 'COFFEE' };
    expect(price([], request([each('a', 'COFFEE', 1500, 2)], { coupons: [free] })).lines[0].discountFen).toBe(1500);
    expect(
      price([], request([each('a', 'TEA', 1500)], { coupons: [free] })).couponsRejected.map((r) => r.reason),
    ).toEqual(['PRICING_COUPON_NO_ELIGIBLE_LINES']);
  });
  it('reports why a coupon did not apply: duplicate, dates, stacking, nothing left', () => {
    const stackA: Coupon = { ...new50, code: 'S1', thresholdFen: 0, stackable: true };
    const stackB: Coupon = { ...new50, code: 'S2', thresholdFen: 0, stackable: true };
    const cart = price(
      [],
      request([each('a', 'A', 1500)], {
        coupons: [
          { ...new50, code: 'OLD', validTo: '2024-06-11' },
          { ...new50, code: 'SOON', validFrom: '2024-06-13' },
          stackA,
          stackA,
          stackB,
          { ...next100, thresholdFen: 0 },
        ],
      }),
    );
    expect(cart.couponsApplied.map((c) => [c.code, c.amountFen])).toEqual([
      ['S1', 1000],
      ['S2', 500],
    ]);
    expect(cart.couponsRejected.map((r) => [r.code, r.reason])).toEqual([
      ['OLD', 'PRICING_COUPON_EXPIRED'],
      ['SOON', 'PRICING_COUPON_NOT_YET_VALID'],
      ['S1', 'PRICING_COUPON_DUPLICATE'],
      ['C-NEXT', 'PRICING_COUPON_NOT_STACKABLE'],
    ]);
    const drained = price([], request([each('a', 'A', 1000)], { coupons: [stackA, stackB] }));
    expect(drained.couponsRejected.map((r) => r.reason)).toEqual(['PRICING_COUPON_NOTHING_TO_DISCOUNT']);
  });
  it('bestCoupons picks the best single or the best stackable set', () => {
    const set = compile([spend200save30]);
    const req = request([each('a', 'A', 21000)]);
    const m200: Coupon = { kind: 'amountOff', code: 'C-200', templateId: 'T', thresholdFen: 20000, amountOffFen: 5000 };
    const s1: Coupon = {
      kind: 'amountOff',
      code: 'S1',
      templateId: 'T',
      thresholdFen: 0,
      amountOffFen: 800,
      stackable: true,
    };
    const s2: Coupon = { kind: 'percentOff', code: 'S2', templateId: 'T', offBp: 1000, stackable: true };
    // C-200 misses its threshold (¥180 after 满减); C-NEXT alone ¥20; S2 10 % of ¥180 = ¥18, then S1 ¥8 → ¥26 … S2 first (larger gain)
    expect(bestCoupons(set, req, [m200, next100, s1, s2])).toEqual({ codes: ['S2', 'S1'], discountFen: 2600 });
    expect(bestCoupons(set, req, [m200, next100, s1])).toEqual({ codes: ['C-NEXT'], discountFen: 2000 });
    expect(bestCoupons(set, req, [m200])).toEqual({ codes: [], discountFen: 0 });
  });
});

describe('points as cash (stage 5)', () => {
  const settings = {
    ...DEFAULT_PRICING_SETTINGS,
    pointsRedemption: { pointsPerYuan: 100, minPoints: 100, maxShareBp: 5000 },
  };
  it('100 points = ¥1, allocated to the lines by net', () => {
    const cart = price([], request([each('a', 'A', 3000), each('b', 'B', 1000)], { pointsRequested: 800 }), settings);
    expect(cart.pointsRedeemed).toEqual({
      requested: 800,
      used: 800,
      fen: 800,
      explanation: { zh: '积分抵现 800 积分：-¥8.00', en: 'Paid with 800 points: -¥8.00' },
    });
    expect(cart.lines.map((l) => l.discountFen)).toEqual([600, 200]);
  });
  it('caps points at a share of the amount due and refuses below the minimum', () => {
    const capped = price([], request([each('a', 'A', 1999)], { pointsRequested: 5000 }), settings);
    // 50 % of ¥19.99 = 999.5 fen, floored to 999
    expect(capped.pointsRedeemed).toMatchObject({ used: 999, fen: 999 });
    const few = price([], request([each('a', 'A', 1999)], { pointsRequested: 50 }), settings);
    expect(few.pointsRedeemed).toMatchObject({
      used: 0,
      fen: 0,
      rejected: 'PRICING_POINTS_BELOW_MINIMUM',
      params: { minPoints: 100 },
    });
    expect(few.totals.discountFen).toBe(0);
  });
  it('uses whole points when a point is worth more than a fen', () => {
    const rich = { ...settings, pointsRedemption: { pointsPerYuan: 50, minPoints: 0, maxShareBp: 10000 } };
    // ¥0.07 due: 3 points = 6 fen (a 4th would pay 8)
    expect(price([], request([each('a', 'A', 7)], { pointsRequested: 100 }), rich).pointsRedeemed).toMatchObject({
      used: 3,
      fen: 6,
    });
  });
});

describe('抹零 (stage 6)', () => {
  const lines = [each('a', 'A', 1234), each('b', 'B', 1001)];
  it('dropFen takes the fen off the due, allocated to lines', () => {
    const cart = price([], request(lines), { ...DEFAULT_PRICING_SETTINGS, rounding: 'dropFen' });
    expect(cart.totals.dueFen).toBe(2230);
    expect(cart.rounding).toEqual({ amountFen: 5, explanation: { zh: '抹零：-¥0.05', en: 'Rounding: -¥0.05' } });
    expect(
      cart.lines.map((l) => l.discounts.filter((d) => d.stage === 'rounding').reduce((s, d) => s + d.amountFen, 0)),
    ).toEqual([3, 2]);
  });
  it('roundJiaoHalfUp rounds 5 fen up as a negative share, 4 fen down', () => {
    const up = price([], request(lines), { ...DEFAULT_PRICING_SETTINGS, rounding: 'roundJiaoHalfUp' });
    expect(up.totals.dueFen).toBe(2240);
    expect(up.rounding?.amountFen).toBe(-5);
    const down = price([], request([each('a', 'A', 1234)]), {
      ...DEFAULT_PRICING_SETTINGS,
      rounding: 'roundJiaoHalfUp',
    });
    expect(down.totals.dueFen).toBe(1230);
    expect(price([], request(lines)).rounding).toBeNull();
  });
});
