/**
 * DLE EOT real-time status replies (docs/formats.md §4.2). Every reply byte has bit1 = 1, bit4 = 1,
 * bit0 = bit7 = 0 (idle OK = 0x12), which tells a status byte from other bytes on the stream.
 */
export type PrinterStatus = {
  readonly online: boolean;
  readonly coverOpen: boolean;
  readonly paperNearEnd: boolean;
  readonly paperOut: boolean;
  /** cutter error, unrecoverable or auto-recoverable error (DLE EOT 2 bit6) */
  readonly error: boolean;
};

export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

/**
 * Combines the replies to DLE EOT 1 (printer), 2 (offline cause) and 4 (roll paper).
 * Returns undefined when a byte does not carry the fixed bits (garbage, or another reply).
 */
export function parsePrinterStatus(
  printer: number,
  offlineCause: number,
  rollPaper: number,
): PrinterStatus | undefined {
  if (!isStatusByte(printer) || !isStatusByte(offlineCause) || !isStatusByte(rollPaper)) return undefined;
  return {
    online: (printer & 0x08) === 0, // DLE EOT 1 bit3: offline
    coverOpen: (offlineCause & 0x04) !== 0, // DLE EOT 2 bit2: cover open
    error: (offlineCause & 0x40) !== 0, // DLE EOT 2 bit6: error occurred
    paperNearEnd: (rollPaper & 0x0c) !== 0, // DLE EOT 4 bits2-3: near end
    paperOut: (rollPaper & 0x60) !== 0 || (offlineCause & 0x20) !== 0, // DLE EOT 4 bits5-6 / DLE EOT 2 bit5: paper end
  };
}

/** The expected outcome a status stands for, or undefined when the printer can print. */
export function statusProblem(
  status: PrinterStatus,
): 'PRINTER_PAPER_OUT' | 'PRINTER_COVER_OPEN' | 'PRINTER_ERROR' | 'PRINTER_OFFLINE' | undefined {
  if (status.paperOut) return 'PRINTER_PAPER_OUT';
  if (status.coverOpen) return 'PRINTER_COVER_OPEN';
  if (status.error) return 'PRINTER_ERROR';
  if (!status.online) return 'PRINTER_OFFLINE';
  return undefined;
}
