import { formatDecimalYuan } from '../../../server/core/money/index.ts';
import { concatBytes } from '../escpos/escpos.commands.ts';
import type { DisplayEvent } from '../../../server/core/devices/display-event.ts';

/**
 * The Chinese 8-digit LED price display ("客显") with 单价/总计/收款/找零 lamps, docs/formats.md §6.3
 * (github188/GIT WintecCD110_LineDisplay.java): ESC s n lights a lamp, ESC Q A digits CR shows a number.
 */
export const LED8 = {
  initialize: Uint8Array.of(0x1b, 0x40), // ESC @
  clear: Uint8Array.of(0x0c), // CLR [K]
  lamp: { price: 1, total: 2, paid: 3, change: 4 } as const, // ESC s 1..4
  thanksLamp: Uint8Array.of(0x1f, 0x50, 0x01), // "谢谢惠顾" lamp
  digits: 8,
} as const;

function lamp(n: number): Uint8Array {
  return Uint8Array.of(0x1b, 0x73, n);
}

function number(fen: number): Uint8Array {
  const text = formatDecimalYuan(fen);
  // the decimal point shares a digit cell on 7-segment displays, so only digits count
  if (text.replace(/[^0-9]/g, '').length > LED8.digits)
    throw new RangeError(`${text} does not fit ${LED8.digits} digits`);
  return concatBytes([Uint8Array.of(0x1b, 0x51, 0x41), new TextEncoder().encode(text), Uint8Array.of(0x0d)]);
}

/** Item → 单价 + price, total → 总计, change → 找零 + change (the paid amount is on the lane screen), thanks, idle → clear. */
export function encodeLed8(event: DisplayEvent): Uint8Array {
  switch (event.kind) {
    case 'item':
      return concatBytes([lamp(LED8.lamp.price), number(event.priceFen)]);
    case 'total':
      return concatBytes([lamp(LED8.lamp.total), number(event.totalFen)]);
    case 'change':
      return concatBytes([lamp(LED8.lamp.change), number(event.changeFen)]);
    case 'thanks':
      return LED8.thanksLamp;
    case 'idle':
      return LED8.clear;
  }
}
