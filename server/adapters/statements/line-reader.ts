/** Bytes decoded per step: big enough to amortise TextDecoder calls, small enough not to hold a 2nd copy of a large file. */
const CHUNK_BYTES = 4 * 1024 * 1024;
const PROGRESS_EVERY = 100_000;

export type LineVisitor = (text: string, lineNo: number) => void;

/**
 * Call `visit` for each line of `bytes` (1-based numbers), decoding chunk by chunk so a 300 MB bill
 * never becomes one string. Lines end with LF; a CR before it is dropped. Chunks are cut at an LF
 * byte, which never occurs inside a GBK or UTF-8 multi-byte character.
 */
export function forEachLine(
  bytes: Uint8Array,
  decoder: TextDecoder,
  visit: LineVisitor,
  onProgress?: (linesDone: number) => void,
): void {
  let lineNo = 0;
  let pos = 0;
  const n = bytes.length;
  while (pos < n) {
    let end = Math.min(n, pos + CHUNK_BYTES);
    if (end < n) {
      const lf = bytes.lastIndexOf(0x0a, end - 1);
      end = lf >= pos ? lf + 1 : n; // a single line longer than a chunk: take the rest
    }
    const text = decoder.decode(bytes.subarray(pos, end));
    let start = 0;
    for (;;) {
      const lf = text.indexOf('\n', start);
      if (lf < 0) break;
      lineNo++;
      visit(text.charCodeAt(lf - 1) === 13 ? text.slice(start, lf - 1) : text.slice(start, lf), lineNo);
      if (onProgress && lineNo % PROGRESS_EVERY === 0) onProgress(lineNo);
      start = lf + 1;
    }
    if (start < text.length) {
      lineNo++;
      visit(text.charCodeAt(text.length - 1) === 13 ? text.slice(start, -1) : text.slice(start), lineNo);
    }
    pos = end;
  }
  onProgress?.(lineNo);
}

export type ByteLineVisitor = (start: number, end: number, lineNo: number, terminated: boolean) => void;

/**
 * Call `visit` with the byte range of each line (LF, or CRLF, not included), without decoding:
 * for layouts whose fields are sliced by byte (UnionPay ZM) or whose million-row bodies are ASCII
 * apart from free text we do not read (WeChat). Strings made from the ranges are small and
 * independent, so a parsed statement does not keep the file's text alive.
 */
export function forEachByteLine(
  bytes: Buffer,
  visit: ByteLineVisitor,
  onProgress?: (linesDone: number) => void,
): number {
  let lineNo = 0;
  let pos = 0;
  const n = bytes.length;
  while (pos < n) {
    const lf = bytes.indexOf(0x0a, pos);
    const terminated = lf >= 0;
    let end = terminated ? lf : n;
    if (end > pos && bytes[end - 1] === 0x0d) end--;
    lineNo++;
    visit(pos, end, lineNo, terminated);
    if (onProgress && lineNo % PROGRESS_EVERY === 0) onProgress(lineNo);
    pos = terminated ? lf + 1 : n;
  }
  onProgress?.(lineNo);
  return lineNo;
}
