import { hasValidGtinCheckDigit, gtinCheckDigit } from '../../core/catalog/index.ts';
import { parseYuan } from '../../core/money/index.ts';

/** A cell's value, or why it is wrong (the reason lands in the row error as written). */
export type Cell<T> = { ok: true; value: T } | { ok: false; reason: string };

const good = <T>(value: T): Cell<T> => ({ ok: true, value });
const bad = (reason: string): Cell<never> => ({ ok: false, reason });

/** Count units are all 'each' (a bottle, a box, a bag…); weighed goods are priced per kg. */
const EACH_UNITS = new Set([
  'each',
  'ea',
  'pc',
  'pcs',
  '个',
  '件',
  '瓶',
  '罐',
  '盒',
  '袋',
  '包',
  '支',
  '条',
  '双',
  '箱',
  '桶',
  '只',
  '听',
  '本',
  '卷',
  '把',
  '套',
]);
const KG_UNITS = new Set(['kg', '千克', '公斤']);

export function parseUnit(text: string): Cell<'each' | 'kg'> {
  const t = text.trim().toLowerCase();
  if (EACH_UNITS.has(t)) return good('each');
  if (KG_UNITS.has(t)) return good('kg');
  if (t === '斤' || t === 'g' || t === '克')
    return bad(`unit "${text}" is not supported: give weighed goods a price per kg (千克)`);
  return bad(`unknown unit "${text}" (use 个/件/each or 千克/公斤/kg)`);
}

/** Yuan with at most two decimals ("12.30", "¥12.3") into fen, exactly (core/money parseYuan). */
export function parsePrice(text: string): Cell<number> {
  const fen = parseYuan(text.trim().replace(/^[¥￥]/, ''));
  if (fen === undefined) return bad(`price "${text}" is not yuan with at most two decimals`);
  if (fen < 0) return bad(`price "${text}" is negative`);
  return good(fen);
}

const RATE = /^(\d{1,5})(?:\.(\d{1,4}))?\s*(%|bp)?$/i;

/**
 * VAT rate into basis points. "13%", "13" and "1300bp" are 13 %; a bare number below 1 is a
 * fraction ("0.13" = 13 %, as a spreadsheet's percent cell exports it). Decimal text, no floats.
 */
export function parseTaxRate(text: string): Cell<number> {
  const m = RATE.exec(text.trim());
  if (!m) return bad(`tax rate "${text}" is not like 13%, 0.13 or 1300bp`);
  const [, whole, decimals = '', suffix = ''] = m;
  let bp: number;
  if (suffix.toLowerCase() === 'bp') {
    if (decimals) return bad(`tax rate "${text}": basis points are whole numbers`);
    bp = Number(whole);
  } else if (suffix === '' && Number(whole) === 0 && decimals !== '') {
    bp = Number(decimals.padEnd(4, '0'));
  } else {
    if (decimals.length > 2) return bad(`tax rate "${text}": at most two decimals of a percent`);
    bp = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  }
  if (bp > 10_000) return bad(`tax rate "${text}" is above 100%`);
  return good(bp);
}

const ACTIVE = new Set(['', 'active', '1', 'y', 'yes', 'true', '在售', '上架', '启用', '正常']);
const INACTIVE = new Set(['inactive', '0', 'n', 'no', 'false', '停售', '下架', '停用']);

export function parseStatus(text: string): Cell<'active' | 'inactive'> {
  const t = text.trim().toLowerCase();
  if (ACTIVE.has(t)) return good('active');
  if (INACTIVE.has(t)) return good('inactive');
  return bad(`unknown status "${text}" (use 在售/active or 停售/inactive)`);
}

/** "食品/饮料" or "食品 > 饮料": segments trimmed and joined by '/'. */
export function parseCategory(text: string): Cell<string> {
  const segments = text.split(/[/／>＞]/).map((s) => s.trim());
  if (segments.some((s) => s === '')) return bad(`category "${text}" has an empty segment`);
  return good(segments.join('/'));
}

/** Why a barcode cannot be an item code, or undefined when it is a valid EAN-13, EAN-8 or UPC-A. */
export function barcodeProblem(code: string): string | undefined {
  if (/^\d(\.\d+)?e\+\d+$/i.test(code))
    return `barcode "${code}" was turned into a number by a spreadsheet: format the column as text`;
  if (!/^(\d{8}|\d{12}|\d{13})$/.test(code)) return `barcode "${code}" is not an EAN-13, EAN-8 or UPC-A code`;
  if (!hasValidGtinCheckDigit(code))
    return `barcode "${code}" has a wrong check digit (expected ${gtinCheckDigit(code.slice(0, -1))})`;
  return undefined;
}

/** Several barcodes in one cell, separated by | or ; (also the full-width ；), duplicates dropped. */
export function parseBarcodes(text: string): Cell<string[]> {
  const codes = [
    ...new Set(
      text
        .split(/[|;；]/)
        .map((c) => c.trim())
        .filter((c) => c !== ''),
    ),
  ];
  for (const code of codes) {
    const problem = barcodeProblem(code);
    if (problem) return bad(problem);
  }
  return good(codes);
}

export function parsePlu(text: string): Cell<string> {
  const t = text.trim();
  return /^\d{1,6}$/.test(t) ? good(t) : bad(`PLU "${text}" is not 1 to 6 digits`);
}
