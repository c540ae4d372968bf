/**
 * Price/weight verifier digit of a variable-measure EAN-13: GS1 General Specifications §7.9.3,
 * as implemented by aidc-toolkit/gs1 (see docs/formats.md §8.3).
 */

// Weighted products for each digit 0…9.
const TIMES_2_MINUS = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7]; // ×2, units − tens
const TIMES_3 = [0, 3, 6, 9, 12, 15, 18, 21, 24, 27]; // ×3
const TIMES_5_PLUS = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9]; // ×5, units + tens
const TIMES_5_MINUS = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1]; // ×5, units − tens
// The digit x whose 5- product is r, indexed by r.
const INVERSE_5_MINUS = [0, 9, 7, 5, 3, 1, 8, 6, 4, 2];

/** Verifier digit for a 4- or 5-digit value ("2875" → 9, "14685" → 6). */
export function priceVerifierDigit(value: string): number {
  const d = Array.from(value, (c) => c.charCodeAt(0) - 48);
  if (d.length === 4) {
    // S = 2-(d1) + 2-(d2) + 3(d3) + 5-(d4); verifier = units digit of 3·S
    const s = TIMES_2_MINUS[d[0]] + TIMES_2_MINUS[d[1]] + TIMES_3[d[2]] + TIMES_5_MINUS[d[3]];
    return (3 * s) % 10;
  }
  if (d.length === 5) {
    // S = 5+(d1) + 2-(d2) + 5-(d3) + 5+(d4) + 2-(d5); r = (10 − S mod 10) mod 10; verifier = x with 5-(x) = r
    const s = TIMES_5_PLUS[d[0]] + TIMES_2_MINUS[d[1]] + TIMES_5_MINUS[d[2]] + TIMES_5_PLUS[d[3]] + TIMES_2_MINUS[d[4]];
    return INVERSE_5_MINUS[(10 - (s % 10)) % 10];
  }
  throw new RangeError(`priceVerifierDigit: value must have 4 or 5 digits, got "${value}"`);
}
