import { err, ok, type Result } from '../result.ts';

/**
 * Member code: 'M' + 10-digit serial + 1 Luhn check digit (ISO/IEC 7812-1 Annex B), 12 characters.
 * Upper-case letter + digits fit Code 128 and QR alphanumeric mode, so the lane prints and scans it.
 * The Luhn digit catches every single-digit typo and most adjacent transpositions at the keypad.
 */
const SERIAL_DIGITS = 10;
const CODE = /^M(\d{10})(\d)$/;

export type MemberCode = string;

export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  // from the rightmost payload digit, double every other one starting with it
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** The code for a serial number allocated by the caller (a store-prefixed sequence, for instance). */
export function memberCode(serial: number): MemberCode {
  if (!Number.isSafeInteger(serial) || serial < 0 || serial >= 10 ** SERIAL_DIGITS) {
    throw new RangeError(`member serial must be an integer in [0, 1e10), got ${serial}`);
  }
  const payload = String(serial).padStart(SERIAL_DIGITS, '0');
  return `M${payload}${luhnCheckDigit(payload)}`;
}

/** Validates scanned or typed input (case-insensitive, surrounding spaces ignored) and returns the canonical code. */
export function parseMemberCode(raw: string): Result<MemberCode, 'MEMBER_CODE_INVALID'> {
  const text = raw.trim().toUpperCase();
  const m = CODE.exec(text);
  if (!m || luhnCheckDigit(m[1]) !== Number(m[2])) return err('MEMBER_CODE_INVALID', 'memberCode');
  return ok(text);
}
