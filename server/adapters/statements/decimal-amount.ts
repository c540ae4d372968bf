import type { Fen } from '../../core/money/index.ts';

/**
 * Parse a decimal yuan amount as printed in a bill ("0.01", "-0.04", "0.04000") into integer fen,
 * without floats and without a regex (a WeChat bill has millions of amounts).
 * Up to `maxPlaces` decimals are accepted (WeChat prints fees with 5); digits past the fen must be
 * zero, since a bill that charges a fraction of a fen cannot be booked in fen: it is rejected, not rounded.
 * Returns undefined for anything else (empty, "1,000.00", "1e3", "12.").
 */
export function parseDecimalFen(text: string, maxPlaces = 2): Fen | undefined {
  const n = text.length;
  let i = 0;
  let negative = false;
  const first = text.charCodeAt(0);
  if (first === 45 /* - */ || first === 43 /* + */) {
    negative = first === 45;
    i = 1;
  }
  let yuan = 0;
  const intStart = i;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    yuan = yuan * 10 + (c - 48);
    i++;
  }
  if (i === intStart || i - intStart > 13) return undefined;
  let fen = 0;
  if (i < n) {
    if (text.charCodeAt(i) !== 46 /* . */) return undefined;
    i++;
    const places = n - i;
    if (places < 1 || places > maxPlaces) return undefined;
    for (let p = 0; p < places; p++) {
      const c = text.charCodeAt(i + p);
      if (c < 48 || c > 57) return undefined;
      if (p < 2) fen += (c - 48) * (p === 0 ? 10 : 1);
      else if (c !== 48) return undefined;
    }
  }
  const value = yuan * 100 + fen;
  return negative && value !== 0 ? -value : value;
}

/** A zero-padded unsigned integer of fen (UnionPay ZM: `000000012345`). */
export function parseFenDigits(text: string): Fen | undefined {
  const n = text.length;
  if (n === 0 || n > 15) return undefined;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    value = value * 10 + (c - 48);
  }
  return value;
}
