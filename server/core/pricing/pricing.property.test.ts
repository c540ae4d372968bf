import type { Coupon } from './coupon.ts';
import type { Promotion } from './promotion.ts';
import type { CartLine } from '../catalog/cart-line.ts';
import type { PricingSettings } from './pricing-settings.ts';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { priceCart } from './price-cart.ts';
import { compile, gold, promo, request, silver } from './pricing.fixtures.ts';

const SKUS = ['A', 'B', 'C', 'D'];
const CATS = ['食品/饮料', '食品/零食', '服装', '生鲜/水果'];

const lineArb = fc.record({
  sku: fc.integer({ min: 0, max: 3 }),
  cat: fc.integer({ min: 0, max: 3 }),
  weighed: fc.boolean(),
  quantity: fc.integer({ min: 1, max: 6 }),
  unitPriceFen: fc.integer({ min: 0, max: 50_000 }),
  grams: fc.integer({ min: 0, max: 3000 }),
  taxRateBp: fc.constantFrom(0, 900, 1300),
});

const effectArb = fc.oneof(
  fc.record({ kind: fc.constant('itemPercentOff' as const), offBp: fc.integer({ min: 0, max: 10_000 }) }),
  fc.record({ kind: fc.constant('itemAmountOff' as const), amountFen: fc.integer({ min: 1, max: 5000 }) }),
  fc.record({ kind: fc.constant('fixedPrice' as const), priceFen: fc.integer({ min: 0, max: 20_000 }) }),
  fc.record({
    kind: fc.constant('nthItemOff' as const),
    n: fc.integer({ min: 2, max: 4 }),
    offBp: fc.integer({ min: 0, max: 10_000 }),
  }),
  fc.record({
    kind: fc.constant('buyXGetY' as const),
    buy: fc.integer({ min: 1, max: 3 }),
    get: fc.integer({ min: 1, max: 2 }),
  }),
  fc.record({
    kind: fc.constant('memberTierRate' as const),
    payBpByTier: fc.record({ silver: fc.integer({ min: 0, max: 10_000 }), gold: fc.integer({ min: 0, max: 10_000 }) }),
  }),
  fc.integer({ min: 2, max: 30_000 }).chain((thresholdFen) =>
    fc.record({
      kind: fc.constant('basketThreshold' as const),
      thresholdFen: fc.constant(thresholdFen),
      amountOffFen: fc.integer({ min: 1, max: thresholdFen - 1 }),
      repeat: fc.boolean(),
    }),
  ),
  fc.record({ kind: fc.constant('basketPercentOff' as const), offBp: fc.integer({ min: 0, max: 10_000 }) }),
  fc.record({ kind: fc.constant('pointsMultiplier' as const), multiplierBp: fc.integer({ min: 0, max: 30_000 }) }),
);

const promotionArb = fc.record({
  effect: effectArb,
  priority: fc.integer({ min: 0, max: 3 }),
  group: fc.option(fc.constantFrom('g1', 'g2'), { nil: undefined }),
  scope: fc.option(
    fc.oneof(
      fc.record({ skus: fc.record({ include: fc.subarray(SKUS, { minLength: 1 }) }) }),
      fc.record({ categories: fc.record({ include: fc.subarray(['食品', '服装', '生鲜'], { minLength: 1 }) }) }),
    ),
    { nil: undefined },
  ),
  combinesWithTier: fc.boolean(),
});

const couponArb: fc.Arbitrary<Coupon> = fc.oneof(
  fc.record({
    kind: fc.constant('amountOff' as const),
    code: fc.constantFrom('C1', 'C2'),
    templateId: fc.constant('T'),
    thresholdFen: fc.integer({ min: 0, max: 20_000 }),
    amountOffFen: fc.integer({ min: 1, max: 10_000 }),
    stackable: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('percentOff' as const),
    code: fc.constantFrom('C3', 'C4'),
    templateId: fc.constant('T'),
    offBp: fc.integer({ min: 1, max: 10_000 }),
    stackable: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('freeItem' as const),
    code: fc.constant('C5'),
    templateId: fc.constant('T'),
    sku: fc.constantFrom(...SKUS),
    stackable: fc.boolean(),
  }),
);

const caseArb = fc.record({
  lines: fc.array(lineArb, { minLength: 0, maxLength: 12 }),
  promotions: fc.array(promotionArb, { maxLength: 8 }),
  coupons: fc.array(couponArb, { maxLength: 3 }),
  member: fc.constantFrom(undefined, silver, gold),
  points: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
  rounding: fc.constantFrom('none' as const, 'dropFen' as const, 'roundJiaoHalfUp' as const),
  maxShareBp: fc.integer({ min: 0, max: 10_000 }),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function build(c: Case) {
  const lines: CartLine[] = c.lines.map((l, i) =>
    l.weighed
      ? {
          lineId: `L${i}`,
          sku: SKUS[l.sku],
          categoryPath: CATS[l.cat],
          unit: 'kg',
          quantity: l.grams,
          unitPriceFen: l.unitPriceFen,
          grossFen: Math.round((l.unitPriceFen * l.grams) / 1000),
          taxRateBp: l.taxRateBp,
        }
      : {
          lineId: `L${i}`,
          sku: SKUS[l.sku],
          categoryPath: CATS[l.cat],
          unit: 'each',
          quantity: l.quantity,
          unitPriceFen: l.unitPriceFen,
          grossFen: l.unitPriceFen * l.quantity,
          taxRateBp: l.taxRateBp,
        },
  );
  const promotions: Promotion[] = c.promotions.map((p, i) =>
    promo(`P${i}`, p.effect, {
      priority: p.priority,
      exclusivityGroup: p.group ? `${p.group}-${p.effect.kind}` : undefined,
      conditions: p.scope ?? {},
      combinesWithTier: p.combinesWithTier,
    }),
  );
  const settings: PricingSettings = {
    rounding: c.rounding,
    pointsRedemption: { pointsPerYuan: 100, minPoints: 0, maxShareBp: c.maxShareBp },
  };
  return {
    set: compile(promotions),
    req: request(lines, { member: c.member, coupons: c.coupons, pointsRequested: c.points }),
    settings,
  };
}

describe('pricing invariants (fast-check)', () => {
  it('due = gross − discounts, line shares sum to each line discount, no net below zero, tax within net', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { set, req, settings } = build(c);
        const cart = priceCart(set, req, settings);
        let gross = 0;
        let discount = 0;
        for (const l of cart.lines) {
          expect(l.netFen).toBeGreaterThanOrEqual(0);
          expect(l.grossFen - l.discounts.reduce((s, d) => s + d.amountFen, 0)).toBe(l.netFen);
          expect(l.discountFen).toBe(l.grossFen - l.netFen);
          expect(l.taxFen).toBeGreaterThanOrEqual(0);
          expect(l.taxFen).toBeLessThanOrEqual(l.netFen);
          gross += l.grossFen;
          discount += l.discountFen;
        }
        expect(cart.totals.grossFen).toBe(gross);
        expect(cart.totals.discountFen).toBe(discount);
        expect(cart.totals.dueFen).toBe(gross - discount);
        if (settings.rounding !== 'none') expect(cart.totals.dueFen % 10).toBe(0);
      }),
      { numRuns: 400 },
    );
  });
  it('every basket-level amount is allocated exactly: the shares of each source sum to its reported total', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { set, req, settings } = build(c);
        const cart = priceCart(set, req, settings);
        const bySource = new Map<string, number>();
        for (const l of cart.lines)
          for (const d of l.discounts) {
            const key =
              d.source.kind === 'promotion'
                ? d.source.promotionId
                : d.source.kind === 'coupon'
                  ? `coupon:${d.source.code}`
                  : d.source.kind;
            bySource.set(key, (bySource.get(key) ?? 0) + d.amountFen);
          }
        for (const p of cart.promotionsApplied)
          if (p.stage !== 'afterSale') expect(bySource.get(p.promotionId)).toBe(p.amountFen);
        for (const k of cart.couponsApplied) expect(bySource.get(`coupon:${k.code}`)).toBe(k.amountFen);
        if (cart.pointsRedeemed && !('rejected' in cart.pointsRedeemed))
          expect(bySource.get('points')).toBe(cart.pointsRedeemed.fen);
        expect(bySource.get('rounding') ?? 0).toBe(cart.rounding?.amountFen ?? 0);
      }),
      { numRuns: 400 },
    );
  });
  it('is deterministic: the same input gives byte-identical output, also from a recompiled set', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const a = build(c);
        const b = build(structuredClone(c));
        expect(JSON.stringify(priceCart(b.set, b.req, b.settings))).toBe(
          JSON.stringify(priceCart(a.set, a.req, a.settings)),
        );
      }),
      { numRuns: 200 },
    );
  });
});
