import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PtyPair } from '../../simulators/pty-pair.ts';
import { VirtualScanner } from '../../simulators/virtual-scanner.ts';
import { ScriptedTransport } from '../../testing/scripted-transport.ts';
import type { ByteTransport } from '../../transports/byte-transport.ts';
import { openSerialTransport } from '../../transports/serial.transport.ts';
import { DEFAULT_SCANNER_FRAMING, SCANNER_SERIAL, parseScanLine } from './scanner.protocol.ts';
import type { Scan } from './scanner.protocol.ts';
import { ScannerDriver } from './scanner.driver.ts';

describe('scan lines', () => {
  const aim = DEFAULT_SCANNER_FRAMING;
  it('AIM identifiers name the symbology; ]E0 tells EAN-13, UPC-A and UPC-E apart by length', () => {
    expect(parseScanLine(']E04006381333931', aim)).toEqual({ code: '4006381333931', symbology: 'EAN-13' });
    expect(parseScanLine(']E0036000291452', aim)).toEqual({ code: '036000291452', symbology: 'UPC-A' });
    expect(parseScanLine(']E496385074', aim)).toEqual({ code: '96385074', symbology: 'EAN-8' });
    expect(parseScanLine(']Q1https://r.storebox.cn/m/123', aim)).toEqual({
      code: 'https://r.storebox.cn/m/123',
      symbology: 'QR',
    });
    expect(parseScanLine(']Z9abc', aim)).toEqual({ code: 'abc', symbology: 'unknown' });
  });

  it('GS1-128 keeps FNC1 as GS for the GS1 parser', () => {
    expect(parseScanLine(']C10104012345123456\x1d10ABC', aim)).toEqual({
      code: '0104012345123456\x1d10ABC',
      symbology: 'GS1-128',
    });
  });

  it('configured prefix/suffix are stripped; without AIM the symbology is unknown', () => {
    const framing = { aim: false, prefix: '\x02', suffix: '\x03' };
    expect(parseScanLine('\x026901234567892\x03', framing)).toEqual({ code: '6901234567892', symbology: 'unknown' });
    expect(parseScanLine('', framing)).toBeUndefined();
  });
});

describe('scanner driver', () => {
  it('splits on CR, LF and CR LF across chunks, emits repeats, reports empty lines and overlong noise', () => {
    const transport = new ScriptedTransport();
    const garbage: string[] = [];
    const driver = new ScannerDriver({ transport, onGarbage: (g) => garbage.push(g) });
    const scans: Scan[] = [];
    driver.onScan((s) => scans.push(s));
    driver.start();
    transport.push(']E069012345');
    transport.push('67892\r\n]E06901234567892\r]E496385074\n\x00\r\n');
    transport.push('x'.repeat(5000));
    expect(scans.map((s) => `${s.symbology}:${s.code}`)).toEqual([
      'EAN-13:6901234567892',
      'EAN-13:6901234567892',
      'EAN-8:96385074',
    ]);
    expect(garbage).toHaveLength(2);
    driver.stop();
    transport.push(']E04006381333931\r\n');
    expect(scans).toHaveLength(3);
  });
});

describe('scanner over a real socat pty pair', () => {
  let pty: PtyPair;
  let scanner: VirtualScanner;
  let transport: ByteTransport;

  beforeEach(async () => {
    pty = new PtyPair('scanner');
    await pty.start();
    scanner = new VirtualScanner({ path: pty.devicePath, prefix: ']E0', terminator: '\r' });
    await scanner.start();
    const opened = await openSerialTransport({ path: pty.hostPath, ...SCANNER_SERIAL });
    if (!opened.ok) throw new Error(String(opened.params?.reason));
    transport = opened.value;
  });
  afterEach(async () => {
    await transport.close();
    await scanner.stop();
    await pty.stop();
  });

  it('delivers scans with their symbology', async () => {
    const driver = new ScannerDriver({ transport });
    const scans: Scan[] = [];
    driver.onScan((s) => scans.push(s));
    driver.start();
    await scanner.scan('6901234567892');
    await scanner.scan('96385074', ']E4');
    await scanner.scan('会员:13800138000', ']Q1');
    const deadline = Date.now() + 2000;
    while (scans.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(scans).toEqual([
      { code: '6901234567892', symbology: 'EAN-13' },
      { code: '96385074', symbology: 'EAN-8' },
      { code: '会员:13800138000', symbology: 'QR' },
    ]);
    driver.stop();
  });
});
