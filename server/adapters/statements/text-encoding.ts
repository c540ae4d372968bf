/**
 * Encodings of the channels' files: Alipay and UnionPay write GBK (docs/formats.md §1.2, §3), WeChat
 * writes UTF-8 with a BOM (§2.2). GB18030 decodes GBK as a superset, so one decoder serves both.
 */
export type StatementEncoding = 'gbk' | 'utf-8';

export function decoderFor(encoding: StatementEncoding): TextDecoder {
  return new TextDecoder(encoding === 'gbk' ? 'gb18030' : 'utf-8');
}

/** The first `maxLines` lines, decoded as `encoding` (no BOM, no CR). */
export function headLines(bytes: Uint8Array, encoding: StatementEncoding, maxLines = 8): string[] {
  let end = 0;
  for (let i = 0; i < maxLines && end < bytes.length; i++) {
    const lf = bytes.indexOf(0x0a, end);
    end = lf < 0 ? bytes.length : lf + 1;
  }
  return decoderFor(encoding)
    .decode(bytes.subarray(0, end))
    .split('\n')
    .slice(0, maxLines)
    .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/**
 * Which other encoding the file's start reads correctly in, when `marker` is missing in the
 * expected one: a UTF-8 export of a GBK bill shows its header as mojibake (鏀粯瀹...), and vice versa.
 */
export function misencodedAs(
  bytes: Uint8Array,
  expected: StatementEncoding,
  marker: string,
): StatementEncoding | undefined {
  const other: StatementEncoding = expected === 'gbk' ? 'utf-8' : 'gbk';
  return headLines(bytes, other).some((l) => l.includes(marker)) ? other : undefined;
}

/** Does this byte string hold non-ASCII text that is valid UTF-8? (a UTF-8 record in a GBK fixed-width file) */
export function isNonAsciiUtf8(bytes: Uint8Array): boolean {
  if (!bytes.some((b) => b >= 0x80)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
