import { describe, expect, it } from 'vitest';
import { Printer } from '@node-escpos/core';
import * as cmd from './escpos.commands.ts';
import { EscPosEncoder } from './escpos.encoder.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').match(/../g)!.join(' ');

describe('ESC/POS command bytes (fixtures from docs/formats.md §4.1)', () => {
  it('drawer kick: common 1B 70 00 19 FA (50 ms on / 500 ms off), pin 5 uses m = 1', () => {
    expect(hex(cmd.drawerKick(2, 50, 500))).toBe('1b 70 00 19 fa');
    expect(hex(cmd.drawerKick(5, 100, 100))).toBe('1b 70 01 32 32');
    expect(() => cmd.drawerKick(2, 0, 500)).toThrow(RangeError);
  });

  it('GS V 66 n feeds n and cuts partially; GS V 65 n cuts fully', () => {
    expect(hex(cmd.feedAndCut(true, 0))).toBe('1d 56 42 00');
    expect(hex(cmd.feedAndCut(false, 20))).toBe('1d 56 41 14');
  });

  it('GS ! n: width−1 in the high nibble, height−1 in the low nibble', () => {
    expect(hex(cmd.characterSize(2, 2))).toBe('1d 21 11');
    expect(hex(cmd.characterSize(1, 2))).toBe('1d 21 01');
    expect(() => cmd.characterSize(9, 1)).toThrow(RangeError);
  });

  it('QR model 2 via GS ( k with pL pH = len + 3', () => {
    const bytes = cmd.qrCode(new TextEncoder().encode('ABC'), 6, 'M');
    expect(hex(bytes)).toBe(
      [
        '1d 28 6b 04 00 31 41 32 00', // model 2
        '1d 28 6b 03 00 31 43 06', // module size 6
        '1d 28 6b 03 00 31 45 31', // error correction M
        '1d 28 6b 06 00 31 50 30 41 42 43', // store 3 bytes
        '1d 28 6b 03 00 31 51 30', // print
      ].join(' '),
    );
  });

  it('QR store length carries into pH past 252 bytes', () => {
    const bytes = cmd.qrCode(new Uint8Array(300).fill(0x41), 3, 'L');
    const store = bytes.indexOf(0x50) - 6; // GS ( k pL pH cn fn: fn 80 is the 7th byte
    expect([bytes[store + 3], bytes[store + 4]]).toEqual([303 & 0xff, 303 >> 8]);
    expect(() => cmd.qrCode(new Uint8Array(0), 3, 'L')).toThrow(RangeError);
  });

  it('EAN-13 barcode, function B (m = 67), with height, width and HRI below', () => {
    expect(hex(cmd.barcode('6901234567892', 'EAN13', { heightDots: 80, moduleWidth: 2, hri: 'below' }))).toBe(
      '1d 68 50 1d 77 02 1d 48 02 1d 6b 43 0d 36 39 30 31 32 33 34 35 36 37 38 39 32',
    );
    expect(() => cmd.barcode('12AB', 'EAN13', { heightDots: 80, moduleWidth: 2, hri: 'none' })).toThrow(RangeError);
  });

  it('CODE128 data is prefixed with the {B code set', () => {
    const bytes = cmd.barcode('AB1', 'CODE128', { heightDots: 60, moduleWidth: 2, hri: 'none' });
    expect(hex(bytes.subarray(9))).toBe('1d 6b 49 05 7b 42 41 42 31');
  });

  it('DLE EOT n status requests', () => {
    expect(hex(cmd.statusRequest(1))).toBe('10 04 01');
    expect(hex(cmd.statusRequest(4))).toBe('10 04 04');
  });
});

describe('cross-check against @node-escpos/core (an independent encoder)', () => {
  it('drawer kick, alignment, bold and GB18030 text give the same bytes', () => {
    const theirs = new Printer({ write() {}, close() {}, read() {} } as never, {});
    theirs.cashdraw(2).align('ct').text('中文小票');
    const theirBytes = (theirs as unknown as { buffer: { flush(): Buffer } }).buffer.flush();
    // @node-escpos/core pulses pin 2 for 0x19×2 ms on, 0x78×2 ms off.
    const ours = new EscPosEncoder().drawerKick(2, 50, 240).align('center').line('中文小票').encode();
    expect(hex(ours)).toBe(hex(new Uint8Array(theirBytes)));
  });

  it('bold on matches its ESC E 1', () => {
    const theirs = new Printer({ write() {}, close() {}, read() {} } as never, {});
    theirs.style('b');
    const theirBytes = new Uint8Array((theirs as unknown as { buffer: { flush(): Buffer } }).buffer.flush());
    expect(hex(theirBytes.subarray(0, 3))).toBe(hex(cmd.bold(true)));
  });
});
