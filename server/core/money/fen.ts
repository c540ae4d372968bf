/**
 * Money is an integer number of fen (分, 1/100 yuan). Never a float.
 * Rates are basis points (1 bp = 0.01%; 10000 bp = 100%).
 */
export type Fen = number;
export type BasisPoints = number;

export const FULL_BP: BasisPoints = 10_000;

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function assertFen(value: number, what = 'amount'): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be an integer number of fen, got ${value}`);
  return value;
}

/** Sum of integer fen amounts. */
export function sumFen(amounts: readonly Fen[]): Fen {
  let total = 0;
  for (const a of amounts) total += a;
  return total;
}
