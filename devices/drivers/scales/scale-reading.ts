/** One answer of a scale, normalised across protocols. Weights are integer grams (STYLE.md habit 1). */
export type ScaleReading = {
  /** null when the scale sent a status instead of a weight (in motion, overload, under zero) */
  readonly grams: number | null;
  readonly stable: boolean;
  /** below zero: a negative net weight, or the gross weight under the zero range */
  readonly negative: boolean;
  readonly overload: boolean;
  /** no valid weight because the scale is under its zero range (8217 bit2, MT-SICS "S -") */
  readonly underZero: boolean;
};

/** What a protocol parser makes of the bytes it was fed. */
export type ScaleMessage =
  | { readonly kind: 'reading'; readonly reading: ScaleReading }
  | { readonly kind: 'ack'; readonly command: ScaleCommand }
  | { readonly kind: 'rejected'; readonly command: ScaleCommand | 'any'; readonly reply: string }
  | { readonly kind: 'garbage'; readonly text: string };

export type ScaleCommand = 'zero' | 'tare' | 'clear-tare';

export function sameReading(a: ScaleReading | undefined, b: ScaleReading): boolean {
  return (
    a !== undefined &&
    a.grams === b.grams &&
    a.stable === b.stable &&
    a.negative === b.negative &&
    a.overload === b.overload &&
    a.underZero === b.underZero
  );
}

/**
 * A decimal weight text in `unit` → integer grams, without floats: kg has three decimals to the
 * gram, digits past the gram are rounded half-up. Returns undefined for text that is not a decimal
 * or for units other than g / kg / mg (never convert lb or oz silently).
 */
export function decimalToGrams(text: string, unit: string): number | undefined {
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  const shift = unit === 'kg' ? 3 : unit === 'g' ? 0 : unit === 'mg' ? -3 : undefined;
  if (!m || shift === undefined) return undefined;
  const digits = m[2] + (m[3] ?? '');
  const decimals = (m[3] ?? '').length;
  // value = digits × 10^(shift − decimals) grams
  const exponent = shift - decimals;
  let grams: number;
  if (exponent >= 0) grams = Number(digits) * 10 ** exponent;
  else {
    const keep = digits.length + exponent;
    const whole = keep > 0 ? Number(digits.slice(0, keep)) : 0;
    const nextDigit = keep >= 0 ? Number(digits[keep] ?? '0') : 0;
    grams = whole + (nextDigit >= 5 ? 1 : 0);
  }
  if (!Number.isSafeInteger(grams)) return undefined;
  return m[1] === '-' && grams !== 0 ? -grams : grams;
}
