import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { displayWidth, leftRight, padEndColumns, truncateColumns, wrapColumns } from './column-width.ts';
import { encodeGb18030 } from './gb18030.ts';

describe('printer columns', () => {
  it('every multi-byte GB18030 character is two columns, ASCII one', () => {
    expect(displayWidth('可口可乐330ml')).toBe(4 * 2 + 5);
    expect(displayWidth('￥12.30')).toBe(2 + 5);
    expect(displayWidth('2×3.50')).toBe(1 + 2 + 4); // × is GB2312 A1C1: a Hanzi-font glyph
  });

  it('never splits a double-width character', () => {
    expect(truncateColumns('农夫山泉', 5)).toBe('农夫');
    expect(padEndColumns('农夫山泉', 5)).toBe('农夫 ');
  });

  it('wraps to lines no wider than the paper and loses nothing', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', '1', '中', '文', '￥', ' ') }),
        fc.integer({ min: 2, max: 48 }),
        (text, cols) => {
          const lines = wrapColumns(text, cols);
          expect(lines.join('')).toBe(text);
          for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(cols);
        },
      ),
    );
  });

  it('left/right fills exactly the width', () => {
    expect(leftRight('合计', '12.30', 32)).toBe('合计' + ' '.repeat(32 - 4 - 5) + '12.30');
    expect(displayWidth(leftRight('很长很长很长很长很长很长很长很长的名字', '9.99', 32))).toBe(32);
  });
});

describe('GB18030 text', () => {
  it('encodes Chinese as GB18030 and cannot carry control bytes', () => {
    expect([...encodeGb18030('中a')]).toEqual([0xd6, 0xd0, 0x61]);
    expect([...encodeGb18030('x\x1b@\x1dV')]).toEqual([0x78, 0x20, 0x40, 0x20, 0x56]);
  });
});
