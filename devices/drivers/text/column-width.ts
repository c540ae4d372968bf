/**
 * Printer and display columns. In Chinese mode (FS &) an ESC/POS printer prints every multi-byte
 * GB18030 character from its Hanzi font, which is twice as wide as the ASCII font: so any
 * non-ASCII character takes two columns (including ×, ·, ￥ and full-width punctuation), ASCII one
 * (docs/formats.md §4.3: "CJK = 2 columns, ASCII = 1").
 */
export function charWidth(char: string): 1 | 2 {
  return (char.codePointAt(0) ?? 0) < 0x80 ? 1 : 2;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  return width;
}

/** Cuts text to at most `columns` columns without splitting a double-width character. */
export function truncateColumns(text: string, columns: number): string {
  let width = 0;
  let out = '';
  for (const ch of text) {
    const w = charWidth(ch);
    if (width + w > columns) break;
    out += ch;
    width += w;
  }
  return out;
}

export function padEndColumns(text: string, columns: number): string {
  const cut = truncateColumns(text, columns);
  return cut + ' '.repeat(columns - displayWidth(cut));
}

export function padStartColumns(text: string, columns: number): string {
  const cut = truncateColumns(text, columns);
  return ' '.repeat(columns - displayWidth(cut)) + cut;
}

export function centerColumns(text: string, columns: number): string {
  const cut = truncateColumns(text, columns);
  const left = Math.floor((columns - displayWidth(cut)) / 2);
  return ' '.repeat(left) + cut;
}

/** Breaks text into lines of at most `columns` columns (hard wrap: receipt item names have no spaces in Chinese). */
export function wrapColumns(text: string, columns: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (displayWidth(rest) > columns) {
    const head = truncateColumns(rest, columns);
    if (head.length === 0) break;
    lines.push(head);
    rest = rest.slice(head.length);
  }
  lines.push(rest);
  return lines;
}

/** Left text and right text on one line of `columns`; the left side is cut if both do not fit. */
export function leftRight(left: string, right: string, columns: number): string {
  const rightWidth = displayWidth(right);
  const room = Math.max(0, columns - rightWidth - 1);
  const leftCut = truncateColumns(left, room);
  return leftCut + ' '.repeat(columns - displayWidth(leftCut) - rightWidth) + right;
}
