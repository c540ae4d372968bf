import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWeekdays, demandOver, forecastDemand, normalQuantile, weekdayOfDate, type Weekday } from './forecast.ts';
import {
  DEFAULT_REPLENISHMENT_POLICY,
  roundOrderQuantity,
  suggestReplenishment,
  type SuggestionInput,
} from './replenishment.ts';

/** Monday first; averages 1 */
const PATTERN = [0.6, 0.8, 0.8, 0.9, 1.2, 1.6, 1.1];
const BASE = 20;

/** deterministic ±10 % noise (a small LCG), so the test never depends on a random draw */
function noisy(days: number, firstWeekday: Weekday, seed = 7): number[] {
  let s = seed;
  return Array.from({ length: days }, (_, i) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    const noise = 0.9 + 0.2 * (s / 2147483648);
    return Math.round(BASE * PATTERN[addWeekdays(firstWeekday, i)]! * noise);
  });
}

describe('the weekday-seasonal forecast', () => {
  it('recovers the weekday indices and the base level of a twelve-week series with a known weekly pattern', () => {
    const quantities = noisy(84, 2);
    const f = forecastDemand({ quantities, promotion: quantities.map(() => false), firstWeekday: 2 });
    f.weekdayIndex.forEach((idx, w) => expect(Math.abs(idx - PATTERN[w]!)).toBeLessThan(0.08));
    expect(Math.abs(f.level - BASE) / BASE).toBeLessThan(0.08);
    expect(f.weekdayIndex.reduce((a, b) => a + b, 0)).toBeCloseTo(7, 6);
    expect(f.sigma).toBeGreaterThan(0);
    expect(f.sigma).toBeLessThan(BASE * 0.2);
  });

  it('does not let marked promotion days inflate the base, where the same days unmarked would', () => {
    const quantities = noisy(84, 0);
    // the last three weeks ran a promotion that tripled sales
    const promotion = quantities.map((_, i) => i >= 63);
    const boosted = quantities.map((q, i) => (promotion[i] ? q * 3 : q));
    const marked = forecastDemand({ quantities: boosted, promotion, firstWeekday: 0 });
    const unmarked = forecastDemand({ quantities: boosted, promotion: promotion.map(() => false), firstWeekday: 0 });
    expect(Math.abs(marked.level - BASE) / BASE).toBeLessThan(0.08);
    marked.weekdayIndex.forEach((idx, w) => expect(Math.abs(idx - PATTERN[w]!)).toBeLessThan(0.08));
    expect(marked.daysObserved).toBe(63);
    expect(unmarked.level).toBeGreaterThan(BASE * 1.5);
  });

  it('forecasts nothing from a product that never sold, and flat indices', () => {
    const f = forecastDemand({
      quantities: [0, 0, 0, 0, 0, 0, 0, 0],
      promotion: Array(8).fill(false),
      firstWeekday: 3,
    });
    expect(f).toEqual({ level: 0, weekdayIndex: [1, 1, 1, 1, 1, 1, 1], sigma: 0, daysObserved: 8 });
  });

  it('sums the weekday forecasts over a lead time from the weekday it starts on', () => {
    const f = { level: 10, weekdayIndex: [0.5, 0.5, 0.5, 0.5, 1, 2, 2], sigma: 0, daysObserved: 70 };
    expect(demandOver(f, 4, 3)).toBeCloseTo(50, 9); // Fri 10 + Sat 20 + Sun 20
    expect(demandOver(f, 0, 7)).toBeCloseTo(70, 9);
  });

  it('names the ISO weekday of a business date (2026-12-02 is a Wednesday)', () => {
    expect(weekdayOfDate('2026-12-02')).toBe(2);
    expect(weekdayOfDate('2026-12-06')).toBe(6);
    expect(weekdayOfDate('2026-12-07')).toBe(0);
  });

  it('gives the z of the usual service levels', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.95)).toBeCloseTo(1.644854, 5);
    expect(normalQuantile(0.99)).toBeCloseTo(2.326348, 5);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232, 5);
  });
});

const base = (over: Partial<SuggestionInput>): SuggestionInput => ({
  forecast: { level: 10, weekdayIndex: [1, 1, 1, 1, 1, 1, 1], sigma: 2, daysObserved: 84 },
  firstWeekday: 0,
  terms: { leadTimeDays: 4, packSize: 12, minOrder: 24 },
  stock: { onHand: 20, onOrder: 5 },
  policy: DEFAULT_REPLENISHMENT_POLICY,
  soldInWindow: 840,
  windowDays: 84,
  daysSinceLastSale: 0,
  ...over,
});

describe('the reorder point and the suggested quantity, worked by hand', () => {
  // z(95 %) = 1.644854; safety stock = z × sigma × √lead time
  it.each([
    {
      case: 'below the reorder point: up to lead time + review demand + safety stock, in whole packs',
      input: base({}),
      // DLT 40, SS 1.6449×2×2 = 6.58, ROP ⌈46.58⌉ = 47, up-to ⌈40+70+6.58⌉ = 117, raw 117−25 = 92 → 8 packs of 12
      want: {
        demandOverLeadTime: 40,
        safetyStock: 6.58,
        reorderPoint: 47,
        orderUpTo: 117,
        rawQuantity: 92,
        quantity: 96,
      },
    },
    {
      case: 'above the reorder point: nothing to order',
      input: base({ stock: { onHand: 50, onOrder: 5 } }),
      want: { reorderPoint: 47, rawQuantity: 0, quantity: 0 },
    },
    {
      case: 'what is on order counts toward the position',
      input: base({ stock: { onHand: 20, onOrder: 30 } }),
      want: { reorderPoint: 47, rawQuantity: 0, quantity: 0 },
    },
    {
      case: 'a small need is raised to the minimum order',
      input: base({
        forecast: { level: 1, weekdayIndex: [1, 1, 1, 1, 1, 1, 1], sigma: 0, daysObserved: 84 },
        terms: { leadTimeDays: 2, packSize: 6, minOrder: 30 },
        stock: { onHand: 0, onOrder: 0 },
        policy: { ...DEFAULT_REPLENISHMENT_POLICY, serviceLevelBp: 5000, reviewDays: 1 },
      }),
      // z 0: DLT 2, ROP 2, up-to 3, raw 3 → 1 pack of 6 → minimum 30
      want: { z: 0, safetyStock: 0, reorderPoint: 2, orderUpTo: 3, rawQuantity: 3, quantity: 30 },
    },
    {
      case: 'the lead time falls on the busy weekend',
      input: base({
        forecast: { level: 10, weekdayIndex: [0.5, 0.5, 0.5, 0.5, 1, 2, 2], sigma: 0, daysObserved: 84 },
        firstWeekday: 4,
        terms: { leadTimeDays: 3, packSize: 1, minOrder: 0 },
        stock: { onHand: 10, onOrder: 0 },
        policy: { ...DEFAULT_REPLENISHMENT_POLICY, reviewDays: 2 },
      }),
      // Fri 10 + Sat 20 + Sun 20 = 50; review Mon 5 + Tue 5 → up-to 60; raw 60 − 10 = 50
      want: { demandOverLeadTime: 50, reorderPoint: 50, orderUpTo: 60, rawQuantity: 50, quantity: 50, daysOfCover: 1 },
    },
  ])('$case', ({ input, want }) => {
    expect(suggestReplenishment(input)).toMatchObject(want);
  });

  it('explains itself: demand per day, lead time, safety stock, on hand, on order, cover and turnover', () => {
    const s = suggestReplenishment(base({}));
    expect(s).toMatchObject({ demandPerDay: 10, leadTimeDays: 4, onHand: 20, onOrder: 5, daysOfCover: 2 });
    // 840 sold over 84 days = 10/day = 3650 a year, over 20 on hand
    expect(s.turnoverPerYear).toBe(182.5);
    expect(s.flags).toEqual([]);
  });

  it('flags negative, dead and slow stock', () => {
    expect(suggestReplenishment(base({ stock: { onHand: -3, onOrder: 0 } })).flags).toEqual(['negative']);
    const dead = suggestReplenishment(
      base({
        forecast: { level: 0, weekdayIndex: [1, 1, 1, 1, 1, 1, 1], sigma: 0, daysObserved: 84 },
        daysSinceLastSale: null,
      }),
    );
    expect(dead).toMatchObject({ flags: ['dead'], quantity: 0, daysOfCover: null });
    expect(suggestReplenishment(base({ stock: { onHand: 1000, onOrder: 0 } })).flags).toEqual(['slow']);
  });
});

describe('order quantity properties', () => {
  const input = fc.record({
    level: fc.double({ min: 0, max: 5000, noNaN: true }),
    index: fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: 7, maxLength: 7 }),
    sigma: fc.double({ min: 0, max: 2000, noNaN: true }),
    firstWeekday: fc.integer({ min: 0, max: 6 }),
    leadTimeDays: fc.integer({ min: 0, max: 60 }),
    packSize: fc.integer({ min: 1, max: 1000 }),
    minOrder: fc.integer({ min: 0, max: 5000 }),
    onHand: fc.integer({ min: -1000, max: 100_000 }),
    onOrder: fc.integer({ min: 0, max: 100_000 }),
    serviceLevelBp: fc.integer({ min: 5000, max: 9990 }),
    reviewDays: fc.integer({ min: 0, max: 30 }),
  });

  it('a suggested quantity is a whole number of packs, at least the minimum order when above 0, never negative', () => {
    fc.assert(
      fc.property(input, (x) => {
        const s = suggestReplenishment(
          base({
            forecast: { level: x.level, weekdayIndex: x.index, sigma: x.sigma, daysObserved: 84 },
            firstWeekday: x.firstWeekday as Weekday,
            terms: { leadTimeDays: x.leadTimeDays, packSize: x.packSize, minOrder: x.minOrder },
            stock: { onHand: x.onHand, onOrder: x.onOrder },
            policy: { ...DEFAULT_REPLENISHMENT_POLICY, serviceLevelBp: x.serviceLevelBp, reviewDays: x.reviewDays },
          }),
        );
        expect(Number.isInteger(s.quantity)).toBe(true);
        expect(s.quantity).toBeGreaterThanOrEqual(0);
        expect(s.quantity % x.packSize).toBe(0);
        if (s.quantity > 0) {
          expect(s.quantity).toBeGreaterThanOrEqual(x.minOrder);
          expect(s.quantity).toBeGreaterThanOrEqual(s.rawQuantity);
          expect(s.quantity - s.rawQuantity).toBeLessThan(Math.max(x.packSize, x.minOrder + x.packSize));
        }
      }),
    );
  });

  it('rounding never orders less than wanted, nor a pack more than needed above the minimum', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.double({ min: -100, max: 1e6, noNaN: true }), fc.constant(5e-324)),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 5000 }),
        (raw, pack, min) => {
          const q = roundOrderQuantity(raw, pack, min);
          if (raw <= 0) {
            expect(q).toBe(0);
            return;
          }
          expect(q % pack).toBe(0);
          expect(q).toBeGreaterThanOrEqual(raw - 1e-6);
          if (q > 0) expect(q).toBeGreaterThanOrEqual(min);
          if (q > Math.ceil(min / pack) * pack) expect(q - raw).toBeLessThan(pack);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
