/**
 * Payment codes are bearer credentials for a minute: logs and messages show only the first and
 * last four digits (STYLE.md habit 12: no full card numbers in logs).
 */
export function maskAuthCode(code: string): string {
  if (code.length <= 8) return '*'.repeat(code.length);
  return `${code.slice(0, 4)}${'*'.repeat(code.length - 8)}${code.slice(-4)}`;
}
