import { concatBytes } from '../escpos/escpos.commands.ts';
import { encodeGb18030 } from '../text/gb18030.ts';
import type { DisplayLines } from './display-lines.ts';

/**
 * Epson ESC/POS customer display command set (DM-D series; "Epson mode" of most VFDs),
 * docs/formats.md §6.1 (node-escpos/driver packages/screen/src/commands.ts).
 */
export const EPSON_DISPLAY = {
  initialize: Uint8Array.of(0x1b, 0x40), // ESC @
  overwriteMode: Uint8Array.of(0x1f, 0x01), // US MD1
  clear: Uint8Array.of(0x0c), // CLR
  /** US $ n m: cursor to column n, line m (1-based) */
  moveTo: (column: number, line: number) => Uint8Array.of(0x1f, 0x24, column, line),
} as const;

/** Clears, writes line 1 at (1,1) and line 2 at (1,2); overwrite mode so the last cell does not scroll. */
export function encodeEpsonDisplay(lines: DisplayLines): Uint8Array {
  return concatBytes([
    EPSON_DISPLAY.overwriteMode,
    EPSON_DISPLAY.clear,
    EPSON_DISPLAY.moveTo(1, 1),
    encodeGb18030(lines[0]),
    EPSON_DISPLAY.moveTo(1, 2),
    encodeGb18030(lines[1]),
  ]);
}
