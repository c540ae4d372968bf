import { formatDecimalYuan } from '../../../server/core/money/index.ts';
import { centerColumns, leftRight, padEndColumns } from '../text/column-width.ts';
import type { DisplayEvent } from '../../../server/core/devices/display-event.ts';

/** Two lines of a 2×20 pole display (CD5220 / Epson DM-D class). */
export type DisplayLines = readonly [string, string];

export type DisplayTextOptions = {
  readonly columns: number;
  /** 5×7 ASCII-only displays: other characters become '?' rather than raw GB18030 bytes */
  readonly asciiOnly: boolean;
};

/** A display event → the two lines, each padded to exactly `columns` columns. */
export function displayLines(event: DisplayEvent, options: DisplayTextOptions): DisplayLines {
  const w = options.columns;
  const clean = (s: string) => (options.asciiOnly ? s.replace(/[^\x20-\x7e]/gu, '?') : s);
  const pair = (a: string, b: string): DisplayLines => [padEndColumns(clean(a), w), padEndColumns(clean(b), w)];
  switch (event.kind) {
    case 'item':
      return pair(event.name, leftRight('PRICE', formatDecimalYuan(event.priceFen), w));
    case 'total':
      return pair('TOTAL', leftRight('', formatDecimalYuan(event.totalFen), w));
    case 'change':
      return pair(
        leftRight('PAID', formatDecimalYuan(event.paidFen), w),
        leftRight('CHANGE', formatDecimalYuan(event.changeFen), w),
      );
    case 'thanks':
      return pair(centerColumns('THANK YOU', w), centerColumns('PLEASE COME AGAIN', w));
    case 'idle':
      return pair(centerColumns(event.welcome ?? 'WELCOME', w), '');
  }
}
