import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICING_SETTINGS } from '../../core/pricing/pricing-settings.ts';
import { each, price, request } from '../../core/pricing/pricing.fixtures.ts';
import {
  maxRedeemablePoints,
  pointsValueFen,
  redeemAsCash,
  redemptionCapFen,
  type RedemptionRule,
} from '../../core/loyalty/index.ts';
import { defaultLoyaltyConfig } from './default-loyalty-config.ts';
import { parseLoyaltyConfig } from './parse-loyalty-config.ts';
import { pricingRedemptionOf, redemptionFitsPricing } from '../../core/loyalty/redemption-pricing.ts';

/** A rule the parser accepts: a whole number of points per fen. */
const rule = fc
  .record({
    perFen: fc.integer({ min: 1, max: 50 }),
    fen: fc.constantFrom(1, 10, 100),
    minimumFen: fc.integer({ min: 0, max: 300 }),
    capBp: fc.integer({ min: 0, max: 10_000 }),
  })
  .map(({ perFen, fen, minimumFen, capBp }): RedemptionRule => ({
    points: perFen * fen,
    fen,
    minimumPoints: minimumFen * perFen,
    capBp,
  }));

/** The lane's check when the cashier asks (member-directory.ts checkRedeem), from the loyalty core. */
function laneAccepts(r: RedemptionRule, requested: number, balance: number, dueFen: number): boolean {
  return requested <= balance && requested >= r.minimumPoints && requested <= maxRedeemablePoints(r, balance, dueFen);
}

describe('points redemption: the pricing engine reads the loyalty rule', () => {
  it('maps the default programme rule (100 points = ¥1, at least 100, at most 50%)', () => {
    expect(pricingRedemptionOf(defaultLoyaltyConfig.points.redemption)).toEqual({
      pointsPerYuan: 100,
      minPoints: 100,
      maxShareBp: 5000,
    });
    expect(pricingRedemptionOf({ points: 1000, fen: 100, minimumPoints: 0, capBp: 10_000 }).pointsPerYuan).toBe(1000);
  });

  it('the programme refuses a rule that is not a whole number of points per fen, naming the field', () => {
    // 50 points = ¥1 (a point worth 2 fen), 150 points = ¥1 (1.5 points per fen), 200 points = ¥1 with a minimum of 151
    for (const [points, fen, minimumPoints, field] of [
      [50, 100, 100, 'fen'],
      [150, 100, 300, 'fen'],
      [1, 3, 0, 'fen'],
      [200, 100, 151, 'minimumPoints'],
    ] as const) {
      const c = structuredClone(defaultLoyaltyConfig);
      c.points.redemption = { ...c.points.redemption, points, fen, minimumPoints };
      expect(redemptionFitsPricing(c.points.redemption)).toBe(false);
      expect(parseLoyaltyConfig(c)).toMatchObject({
        ok: false,
        code: 'LOYALTY_CONFIG_INVALID',
        field: `points.redemption.${field}`,
      });
      expect(() => pricingRedemptionOf(c.points.redemption)).toThrow();
    }
  });

  it('whatever the cart, the priced redemption keeps the rule: worth its points, at most the cap, never below the minimum', () => {
    fc.assert(
      fc.property(
        rule,
        fc.integer({ min: 1, max: 200_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (r, dueFen, requested) => {
          const settings = { ...DEFAULT_PRICING_SETTINGS, pointsRedemption: pricingRedemptionOf(r) };
          const got = price(
            [],
            request([each('a', 'A', dueFen)], { pointsRequested: requested }),
            settings,
          ).pointsRedeemed!;
          expect(got.used).toBeLessThanOrEqual(requested);
          expect(got.fen).toBe(pointsValueFen(r, got.used));
          expect(got.fen).toBeLessThanOrEqual(redemptionCapFen(r, dueFen));
          if (got.used > 0) expect(got.used).toBeGreaterThanOrEqual(r.minimumPoints);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a request the lane accepts is priced to exactly the points and fen the loyalty core gives, and the offered maximum is taken whole', () => {
    fc.assert(
      fc.property(
        rule,
        fc.integer({ min: 1, max: 200_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        (r, dueFen, balance, requested) => {
          const settings = { ...DEFAULT_PRICING_SETTINGS, pointsRedemption: pricingRedemptionOf(r) };
          const priced = (points: number) =>
            price([], request([each('a', 'A', dueFen)], { pointsRequested: points }), settings).pointsRedeemed!;
          if (laneAccepts(r, requested, balance, dueFen)) {
            const core = redeemAsCash(r, {
              requestedPoints: requested,
              availablePoints: balance,
              amountDueFen: dueFen,
            });
            expect(core.ok).toBe(true);
            const got = priced(requested);
            if (core.ok)
              expect({ used: got.used, fen: got.fen }).toEqual({ used: core.value.points, fen: core.value.fen });
          }
          const max = maxRedeemablePoints(r, balance, dueFen);
          if (max > 0 && pointsValueFen(r, max) > 0)
            expect(priced(max)).toMatchObject({ used: max, fen: pointsValueFen(r, max) });
        },
      ),
      { numRuns: 3000 },
    );
  });
});
