import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYuan } from '../../core/money/index.ts';
import { parseDecimalFen, parseFenDigits } from './decimal-amount.ts';

describe('parseDecimalFen', () => {
  it('agrees with core parseYuan on every 2-place decimal', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom('', '-', '+'),
        fc.constantFrom(0, 1, 2),
        (fen, sign, places) => {
          const abs = Math.abs(fen);
          const whole = String(Math.floor(abs / 100));
          const cents = String(abs % 100).padStart(2, '0');
          const text = sign + whole + (places === 0 ? '' : '.' + cents.slice(0, places));
          expect(parseDecimalFen(text)).toBe(parseYuan(text));
        },
      ),
    );
  });

  it('reads 5-place fees only when the places past the fen are zero', () => {
    expect(parseDecimalFen('0.04000', 5)).toBe(4);
    expect(parseDecimalFen('-0.02000', 5)).toBe(-2);
    expect(parseDecimalFen('0.00600', 5)).toBeUndefined();
    expect(parseDecimalFen('0.04000')).toBeUndefined();
  });

  it('rejects what is not a plain decimal', () => {
    for (const bad of ['', '-', '.5', '12.', '1,000.00', '1e3', ' 1.00', '1.0a', '１.00', '12345678901234'])
      expect(parseDecimalFen(bad)).toBeUndefined();
  });

  it('parseFenDigits reads zero-padded fen and nothing else', () => {
    expect(parseFenDigits('000000012345')).toBe(12_345);
    expect(parseFenDigits('')).toBeUndefined();
    expect(parseFenDigits('00000000A500')).toBeUndefined();
  });
});
