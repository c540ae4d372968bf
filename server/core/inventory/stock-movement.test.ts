import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantityProblem, stockFlags, stocktakeVariance } from './stock-movement.ts';

describe('stock quantities and flags', () => {
  it('accepts whole positive quantities and refuses fractions, negatives, zero (except a count) and huge ones', () => {
    expect(quantityProblem(24, false)).toBeUndefined();
    expect(quantityProblem(0, true)).toBeUndefined();
    expect(quantityProblem(0, false)).toBe('negative');
    expect(quantityProblem(-1, true)).toBe('negative');
    expect(quantityProblem(1.5, false)).toBe('not_integer');
    expect(quantityProblem(Number.NaN, false)).toBe('not_integer');
    expect(quantityProblem(1_000_001, false)).toBe('too_large');
  });

  it('flags negative stock and stock below the minimum, never a product without one as low', () => {
    expect(stockFlags(-1, undefined)).toEqual({ negative: true, low: false });
    expect(stockFlags(3, 4)).toEqual({ negative: false, low: true });
    expect(stockFlags(4, 4)).toEqual({ negative: false, low: false });
  });

  it('posts a variance that brings the snapshot to the count, whatever moved during the count', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -500, max: 500 }),
        fc.nat(500),
        fc.integer({ min: -50, max: 50 }),
        (snapshot, counted, during) => {
          // on hand at posting = snapshot + what moved during the count; after posting it is counted + during
          expect(snapshot + during + stocktakeVariance(snapshot, counted)).toBe(counted + during);
        },
      ),
    );
  });
});
