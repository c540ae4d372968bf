import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export type DecodedText = { text: string; encoding: 'utf-8' | 'gb18030' };

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Catalog files come from Excel on Chinese Windows (GBK) as often as from anything else (UTF-8,
 * with or without a BOM). Valid UTF-8 is taken as UTF-8; anything else is decoded as GB18030, the
 * superset of GBK and GB2312, so every GBK file reads the same.
 */
export function decodeCatalogText(bytes: Uint8Array): DecodedText {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const body = UTF8_BOM.every((b, i) => buffer[i] === b) ? buffer.subarray(3) : buffer;
  if (isUtf8(body)) return { text: body.toString('utf8'), encoding: 'utf-8' };
  return { text: iconv.decode(buffer, 'gb18030'), encoding: 'gb18030' };
}
