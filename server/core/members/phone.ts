import { err, ok, type Result } from '../result.ts';

/**
 * Chinese mainland mobile numbers: 11 digits, 1[3-9]xxxxxxxxx (MIIT numbering plan: 13x–19x).
 * Accepts spaces, dashes, dots and parentheses, and a +86 / 0086 / 86 country prefix.
 */
const MOBILE = /^1[3-9]\d{9}$/;
const SEPARATORS = /[\s\-.()（）\u00a0]/g;

export type Phone = string;

export function normalizePhone(raw: string): Result<Phone, 'MEMBER_PHONE_INVALID'> {
  let digits = raw.replace(SEPARATORS, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  return MOBILE.test(digits) ? ok(digits) : err('MEMBER_PHONE_INVALID', 'phone');
}

/** 138****0000: the first 3 and last 4 digits stay, for receipts, logs and notifications. */
export function maskPhone(phone: Phone): string {
  if (phone.length < 8) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
