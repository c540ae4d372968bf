import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { luhnCheckDigit, maskPhone, memberCode, normalizePhone, parseMemberCode } from './index.ts';

describe('normalizePhone', () => {
  it.each([
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['0086-19912345678', '19912345678'],
    ['8613800138000', '13800138000'],
  ])('%s → %s', (raw, want) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, value: want });
  });
  it.each(['12800138000', '1380013800', '138001380001', '010-12345678', 'abc', '+1 13800138000'])(
    'refuses %s',
    (raw) => {
      expect(normalizePhone(raw)).toEqual({ ok: false, code: 'MEMBER_PHONE_INVALID', field: 'phone' });
    },
  );
});

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits', () => {
    expect(maskPhone('13800000000')).toBe('138****0000');
    expect(maskPhone('19912345678')).toBe('199****5678');
  });
});

describe('member code', () => {
  it('uses the Luhn digit (79927398713 is the ISO 7812 worked example)', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(memberCode(42)).toBe('M00000000422');
    expect(memberCode(42)).toHaveLength(12);
  });
  it('round-trips and accepts lower case', () => {
    const code = memberCode(1234567890);
    expect(parseMemberCode(` ${code.toLowerCase()} `)).toEqual({ ok: true, value: code });
  });
  it('catches every single-digit change', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9_999_999_999 }),
        fc.integer({ min: 1, max: 11 }),
        fc.integer({ min: 1, max: 9 }),
        (serial, pos, delta) => {
          const code = memberCode(serial);
          const d = (Number(code[pos]) + delta) % 10;
          const typo = code.slice(0, pos) + d + code.slice(pos + 1);
          expect(parseMemberCode(typo).ok).toBe(false);
        },
      ),
    );
  });
  it('refuses malformed codes and out-of-range serials', () => {
    expect(parseMemberCode('M123')).toEqual({ ok: false, code: 'MEMBER_CODE_INVALID', field: 'memberCode' });
    expect(() => memberCode(-1)).toThrow(RangeError);
  });
});
