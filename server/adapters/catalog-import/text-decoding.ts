import iconv from 'iconv-lite';

export type DecodedText = { text: string; encoding: 'utf-8' | 'gb18030' };

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Catalog files come from Excel on Chinese Windows (GBK) as often as from anything else (UTF-8,
 * with or without a BOM). Valid UTF-8 is taken as UTF-8; anything else is decoded as GB18030, the
 * superset of GBK and GB2312, so every GBK file reads the same.
 */
export function decodeCatalogText(bytes: Uint8Array): DecodedText {
  const body = UTF8_BOM.every((b, i) => bytes[i] === b) ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030'), encoding: 'gb18030' };
  }
}
