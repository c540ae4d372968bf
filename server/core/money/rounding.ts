import { FULL_BP, type BasisPoints, type Fen } from './fen.ts';

/**
 * numerator / denominator rounded half-up (half away from zero), both integers, denominator > 0.
 * The one named rounding mode for money; BigInt only when the product leaves the safe range.
 */
export function divideHalfUp(numerator: number, denominator: number): number {
  if (denominator <= 0 || !Number.isSafeInteger(denominator))
    throw new RangeError(`denominator must be a positive integer, got ${denominator}`);
  if (!Number.isSafeInteger(numerator)) return Number(divideHalfUpBig(BigInt(numerator), BigInt(denominator)));
  const sign = numerator < 0 ? -1 : 1;
  const abs = Math.abs(numerator);
  const q = Math.floor(abs / denominator);
  const r = abs - q * denominator;
  return sign * (r * 2 >= denominator ? q + 1 : q);
}

function divideHalfUpBig(n: bigint, d: bigint): bigint {
  const neg = n < 0n;
  const abs = neg ? -n : n;
  let q = abs / d;
  if ((abs % d) * 2n >= d) q += 1n;
  return neg ? -q : q;
}

/** amount × a / b, half-up, with exact integer arithmetic even when amount × a is large. */
export function mulDivHalfUp(amount: number, a: number, b: number): number {
  const product = amount * a;
  if (Number.isSafeInteger(product)) return divideHalfUp(product, b);
  return Number(divideHalfUpBig(BigInt(amount) * BigInt(a), BigInt(b)));
}

/** amount × a / b rounded down (toward zero for non-negative inputs): points, floors. */
export function mulDivFloor(amount: number, a: number, b: number): number {
  const product = amount * a;
  if (Number.isSafeInteger(product)) return Math.floor(product / b);
  return Number((BigInt(amount) * BigInt(a)) / BigInt(b));
}

/** The share `bp` basis points of `amount`, half-up to the fen: percentOf(1999, 500) = 100 (5% of ¥19.99). */
export function percentOf(amount: Fen, bp: BasisPoints): Fen {
  return mulDivHalfUp(amount, bp, FULL_BP);
}
