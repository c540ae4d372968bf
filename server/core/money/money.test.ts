import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocate, divideHalfUp, formatYuan, parseYuan, percentOf, mulDivFloor } from './index.ts';

describe('allocate (largest remainder)', () => {
  it('splits 满减 ¥30 over lines of ¥100, ¥60, ¥40 exactly', () => {
    expect(allocate(3000, [10000, 6000, 4000])).toEqual([1500, 900, 600]);
  });
  it('gives ties to the earlier line', () => {
    expect(allocate(1, [1, 1, 1])).toEqual([1, 0, 0]);
    expect(allocate(2, [1, 1, 1])).toEqual([1, 1, 0]);
  });
  it('gives the odd fen to the largest remainder', () => {
    // 100 over 1:2 → 33.33 / 66.67 → 33 / 67
    expect(allocate(100, [1, 2])).toEqual([33, 67]);
  });
  it('refuses a non-zero total over zero weights', () => {
    expect(() => allocate(5, [0, 0])).toThrow(RangeError);
    expect(allocate(0, [0, 0])).toEqual([0, 0]);
  });
  it('parts always sum to the total and never exceed the weight when total ≤ Σweights', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 60 }),
        fc.nat(),
        (weights, seed) => {
          const sum = weights.reduce((a, b) => a + b, 0);
          fc.pre(sum > 0);
          const total = seed % (sum + 1);
          const parts = allocate(total, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          parts.forEach((p, i) => {
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(weights[i]);
          });
        },
      ),
    );
  });
  it('is exact with amounts whose products leave the safe-integer range', () => {
    const parts = allocate(9_000_000_000, [3_000_000_000, 3_000_000_000, 3_000_000_001]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(9_000_000_000);
  });
});

describe('rounding', () => {
  it('rounds half up, away from zero for negatives', () => {
    expect(divideHalfUp(5, 10)).toBe(1);
    expect(divideHalfUp(4, 10)).toBe(0);
    expect(divideHalfUp(-5, 10)).toBe(-1);
    expect(percentOf(1999, 500)).toBe(100); // 99.95 → 100
    expect(percentOf(1990, 9500)).toBe(1891); // 1890.5 → 1891 (9.5折)
  });
  it('floors points', () => {
    expect(mulDivFloor(1999, 1, 100)).toBe(19);
  });
});

describe('yuan text', () => {
  it('formats ¥12.30 and negatives', () => {
    expect(formatYuan(1230)).toBe('¥12.30');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(-100)).toBe('-¥1.00');
  });
  it('parses decimal yuan exactly', () => {
    expect(parseYuan('0.01')).toBe(1);
    expect(parseYuan('-0.01')).toBe(-1);
    expect(parseYuan('12.3')).toBe(1230);
    expect(parseYuan('100')).toBe(10000);
    expect(parseYuan('1.005')).toBeUndefined();
    expect(parseYuan('abc')).toBeUndefined();
  });
  it('round-trips', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (fen) => {
        expect(parseYuan(formatYuan(fen).replace('¥', ''))).toBe(fen);
      }),
    );
  });
});
