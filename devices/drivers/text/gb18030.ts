import iconv from 'iconv-lite';

/**
 * Printer text bytes: GB18030 (superset of GBK/GB2312) as China-market ESC/POS printers and VFDs
 * read in Chinese mode (docs/formats.md §4.3; Node's TextEncoder is UTF-8 only, so iconv-lite).
 * C0 control characters and DEL are replaced by spaces: text from a product name must never
 * inject a command (an ESC in a name would otherwise reach the printer as a command).
 */
export function encodeGb18030(text: string): Uint8Array {
  const clean = text.replace(/[\x00-\x1f\x7f]/g, ' ');
  return new Uint8Array(iconv.encode(clean, 'gb18030'));
}
