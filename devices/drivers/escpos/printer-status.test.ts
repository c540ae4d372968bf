import { describe, expect, it } from 'vitest';
import { isStatusByte, parsePrinterStatus, statusProblem } from './printer-status.ts';

describe('DLE EOT status replies', () => {
  it('0x12 on all three is an idle, ready printer', () => {
    const s = parsePrinterStatus(0x12, 0x12, 0x12);
    expect(s).toEqual({ online: true, coverOpen: false, error: false, paperNearEnd: false, paperOut: false });
    expect(statusProblem(s!)).toBeUndefined();
  });

  it('docs.rs example from_dle_eot(0x1A, 0x32, 0x7E): offline, stopped by paper end, roll paper end', () => {
    const s = parsePrinterStatus(0x1a, 0x32, 0x7e)!;
    expect(s.online).toBe(false);
    expect(s.paperOut).toBe(true);
    expect(s.paperNearEnd).toBe(true);
    expect(statusProblem(s)).toBe('PRINTER_PAPER_OUT');
  });

  it('cover open (DLE EOT 2 bit2) and near end (DLE EOT 4 bits 2-3)', () => {
    expect(statusProblem(parsePrinterStatus(0x1a, 0x16, 0x12)!)).toBe('PRINTER_COVER_OPEN');
    const nearEnd = parsePrinterStatus(0x12, 0x12, 0x1e)!;
    expect(nearEnd.paperNearEnd).toBe(true);
    expect(statusProblem(nearEnd)).toBeUndefined();
  });

  it('bytes without the fixed bits are not status replies', () => {
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x37)).toBe(false); // first byte of a GS ( k reply
    expect(isStatusByte(0x10)).toBe(false); // an ASB first byte (bit1 clear)
    expect(parsePrinterStatus(0xff, 0x12, 0x12)).toBeUndefined();
  });
});
