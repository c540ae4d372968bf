import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PtyPair } from '../../simulators/pty-pair.ts';
import { VirtualDisplay } from '../../simulators/virtual-display.ts';
import { ScriptedTransport } from '../../testing/scripted-transport.ts';
import type { ByteTransport } from '../../transports/byte-transport.ts';
import { openSerialTransport } from '../../transports/serial.transport.ts';
import { encodeCd5220 } from './cd5220.encoder.ts';
import type { DisplayEvent } from '../../../server/core/devices/display-event.ts';
import { displayLines } from './display-lines.ts';
import { displayProtocol } from './display-protocols.ts';
import { DisplayDriver } from './display.driver.ts';
import { encodeLed8 } from './led8.encoder.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').match(/../g)!.join(' ');
const text = { columns: 20, asciiOnly: false };

describe('display model → lines', () => {
  it('item, total, change, thanks and idle fill two lines of 20 columns', () => {
    expect(displayLines({ kind: 'item', name: 'Cola 330ml', priceFen: 350 }, text)).toEqual([
      'Cola 330ml          ',
      'PRICE           3.50',
    ]);
    expect(displayLines({ kind: 'total', totalFen: 19700 }, text)).toEqual([
      'TOTAL               ',
      '              197.00',
    ]);
    expect(displayLines({ kind: 'change', paidFen: 20000, changeFen: 300 }, text)).toEqual([
      'PAID          200.00',
      'CHANGE          3.00',
    ]);
    expect(displayLines({ kind: 'thanks' }, text)[0]).toBe('     THANK YOU      ');
    expect(displayLines({ kind: 'idle' }, text)[1]).toBe(' '.repeat(20));
  });

  it('Chinese names are cut on a character boundary; ASCII-only displays get ?', () => {
    const [line] = displayLines({ kind: 'item', name: '农夫山泉天然水550ml饮用水', priceFen: 200 }, text);
    expect(line).toBe('农夫山泉天然水550ml ');
    expect(displayLines({ kind: 'item', name: '可乐 Cola', priceFen: 350 }, { columns: 20, asciiOnly: true })[0]).toBe(
      '?? Cola             ',
    );
  });
});

describe('display bytes (docs/formats.md §6.2–6.3)', () => {
  it('CD5220: ESC Q A line CR, ESC Q B line CR', () => {
    const bytes = encodeCd5220(['A'.padEnd(20), 'B'.padEnd(20)]);
    expect(hex(bytes.subarray(0, 4))).toBe('1b 51 41 41');
    expect(bytes[23]).toBe(0x0d);
    expect(hex(bytes.subarray(24, 27))).toBe('1b 51 42');
    expect(bytes.at(-1)).toBe(0x0d);
  });

  it('LED: lamp ESC s n then ESC Q A digits CR', () => {
    expect(hex(encodeLed8({ kind: 'item', name: 'x', priceFen: 1230 }))).toBe('1b 73 01 1b 51 41 31 32 2e 33 30 0d');
    expect(hex(encodeLed8({ kind: 'total', totalFen: 5 }))).toBe('1b 73 02 1b 51 41 30 2e 30 35 0d');
    expect(hex(encodeLed8({ kind: 'change', paidFen: 10000, changeFen: 300 }))).toBe(
      '1b 73 04 1b 51 41 33 2e 30 30 0d',
    );
    expect(hex(encodeLed8({ kind: 'thanks' }))).toBe('1f 50 01');
    expect(hex(encodeLed8({ kind: 'idle' }))).toBe('0c');
    expect(() => encodeLed8({ kind: 'total', totalFen: 1_000_000_00 })).toThrow(RangeError);
  });

  it('the driver writes only when what is shown changes', async () => {
    const transport = new ScriptedTransport();
    const driver = new DisplayDriver({ transport, protocol: displayProtocol('cd5220') });
    await driver.start();
    const item: DisplayEvent = { kind: 'item', name: 'Cola', priceFen: 350 };
    expect(await driver.show(item)).toBe(true);
    expect(await driver.show({ ...item })).toBe(false);
    expect(await driver.show({ kind: 'total', totalFen: 350 })).toBe(true);
    expect(transport.written).toHaveLength(3);
  });
});

for (const name of ['epson', 'cd5220', 'led8'] as const) {
  describe(`${name} display over a real socat pty pair`, () => {
    let pty: PtyPair;
    let display: VirtualDisplay;
    let transport: ByteTransport;
    let driver: DisplayDriver;

    beforeEach(async () => {
      pty = new PtyPair('display');
      await pty.start();
      display = new VirtualDisplay({ path: pty.devicePath, protocol: name });
      await display.start();
      const protocol = displayProtocol(name);
      const opened = await openSerialTransport({ path: pty.hostPath, ...protocol.serial });
      if (!opened.ok) throw new Error(String(opened.params?.reason));
      transport = opened.value;
      driver = new DisplayDriver({ transport, protocol });
      await driver.start();
    });
    afterEach(async () => {
      await transport.close();
      await display.stop();
      await pty.stop();
    });

    const showAndWait = async (event: DisplayEvent) => {
      const before = display.updates;
      await driver.show(event);
      const deadline = Date.now() + 2000;
      while (display.updates === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    };

    it('a sale as the customer sees it', async () => {
      await showAndWait({ kind: 'item', name: '红富士苹果', priceFen: 686 });
      if (name === 'led8') expect(display.led()).toEqual({ text: '6.86', lamp: 'price' });
      // five double-width characters fill ten of the twenty cells
      else expect(display.lines()).toEqual(['红富士苹果' + ' '.repeat(10), 'PRICE           6.86']);

      await showAndWait({ kind: 'total', totalFen: 19700 });
      if (name === 'led8') expect(display.led()).toEqual({ text: '197.00', lamp: 'total' });
      else expect(display.lines()[1].trim()).toBe('197.00');

      await showAndWait({ kind: 'change', paidFen: 20000, changeFen: 300 });
      if (name === 'led8') expect(display.led()).toEqual({ text: '3.00', lamp: 'change' });
      else expect(display.lines()).toEqual(['PAID          200.00', 'CHANGE          3.00']);

      await showAndWait({ kind: 'thanks' });
      if (name === 'led8') expect(display.led().lamp).toBe('thanks');
      else expect(display.lines()[0].trim()).toBe('THANK YOU');
    });
  });
}
