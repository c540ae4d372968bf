import type { Fen } from './fen.ts';

/** ¥12.30 ; negative amounts as -¥1.00. */
export function formatYuan(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs - yuan * 100;
  return `${sign}¥${yuan}.${cents < 10 ? '0' : ''}${cents}`;
}

/** ¥1,234.50: thousands grouped, for the manager console's figures and reports. */
export function formatYuanGrouped(fen: Fen): string {
  return formatYuan(fen).replace(/\d(?=(\d{3})+\.)/g, '$&,');
}

/** 12.30 without the currency sign (statements, CSV exports). */
export function formatDecimalYuan(fen: Fen): string {
  return formatYuan(fen).replace('¥', '');
}

const DECIMAL_YUAN = /^\s*([+-]?)(\d+)(?:\.(\d{1,2}))?\s*$/;

/**
 * Parse a decimal yuan string ("12.3", "-0.01", "100") into integer fen, exactly, without floats.
 * Returns undefined when the text is not a decimal with at most two places.
 */
export function parseYuan(text: string): Fen | undefined {
  const m = DECIMAL_YUAN.exec(text);
  if (!m) return undefined;
  const cents = (m[3] ?? '').padEnd(2, '0');
  const value = Number(m[2]) * 100 + Number(cents);
  if (!Number.isSafeInteger(value)) return undefined;
  return m[1] === '-' && value !== 0 ? -value : value;
}
