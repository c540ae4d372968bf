import { concatBytes } from '../escpos/escpos.commands.ts';
import { encodeGb18030 } from '../text/gb18030.ts';
import type { DisplayLines } from './display-lines.ts';

/** CD5220 (Partner Tech) command set, docs/formats.md §6.2 (lcdproc serialPOS_cd5220.c): 2×20, 9600 8N1. */
export const CD5220 = {
  initialize: Uint8Array.of(0x1b, 0x40), // ESC @
  upperLine: Uint8Array.of(0x1b, 0x51, 0x41), // ESC Q A … CR
  lowerLine: Uint8Array.of(0x1b, 0x51, 0x42), // ESC Q B … CR
  end: Uint8Array.of(0x0d),
} as const;

export function encodeCd5220(lines: DisplayLines): Uint8Array {
  return concatBytes([
    CD5220.upperLine,
    encodeGb18030(lines[0]),
    CD5220.end,
    CD5220.lowerLine,
    encodeGb18030(lines[1]),
    CD5220.end,
  ]);
}
