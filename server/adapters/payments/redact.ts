/**
 * Payment codes are bearer credentials for a minute: logs and messages show only the first and
 * last four digits (STYLE.md habit 12: no full card numbers in logs).
 */
export function maskAuthCode(code: string): string {
  if (code.length <= 8) return '*'.repeat(code.length);
  return `${code.slice(0, 4)}${'*'.repeat(code.length - 8)}${code.slice(-4)}`;
}

/** Channel messages are echoed to the cashier: cut them short and drop anything that looks like a key. */
export function safeMessage(text: unknown): string {
  if (typeof text !== 'string') return '';
  return text.replace(/[A-Za-z0-9+/=]{40,}/g, '…').slice(0, 200);
}
