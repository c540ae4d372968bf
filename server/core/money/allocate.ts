import type { Fen } from './fen.ts';

/**
 * Split `total` into parts proportional to `weights` by the largest-remainder method.
 * The parts always sum exactly to `total`; ties in remainder go to the earlier index.
 * Every part lies between 0 and its exact share rounded up, so when total ≤ Σweights no part
 * exceeds its weight (a basket discount never drives a line below zero).
 * Weights are non-negative integers; a zero weight receives nothing.
 */
export function allocate(total: Fen, weights: readonly number[]): Fen[] {
  if (!Number.isSafeInteger(total) || total < 0)
    throw new RangeError(`allocate: total must be a non-negative integer, got ${total}`);
  let weightSum = 0;
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0)
      throw new RangeError(`allocate: weights must be non-negative integers, got ${w}`);
    weightSum += w;
  }
  const parts = new Array<Fen>(weights.length).fill(0);
  if (total === 0) return parts;
  if (weightSum === 0) throw new RangeError('allocate: cannot split a non-zero total over zero weights');

  const big = !Number.isSafeInteger(total * weightSum);
  const remainders = new Array<number>(weights.length);
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    if (big) {
      const p = BigInt(total) * BigInt(weights[i]);
      const s = BigInt(weightSum);
      parts[i] = Number(p / s);
      // remainder scaled into a comparable number: only its order matters
      remainders[i] = Number(p % s) / weightSum;
    } else {
      const p = total * weights[i];
      parts[i] = Math.floor(p / weightSum);
      remainders[i] = p - parts[i] * weightSum;
    }
    given += parts[i];
  }
  let left = total - given;
  if (left > 0) {
    const order = weights.map((_, i) => i).filter((i) => weights[i] > 0);
    order.sort((a, b) => remainders[b] - remainders[a] || a - b);
    for (let k = 0; left > 0; k++, left--) parts[order[k % order.length]] += 1;
  }
  return parts;
}
