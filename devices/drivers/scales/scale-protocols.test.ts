import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createMtSicsParser, parseMtSicsLine } from './mt-sics.protocol.ts';
import { decimalToGrams } from './scale-reading.ts';
import { createToledo8217Parser } from './toledo-8217.protocol.ts';

const bytes = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const stable = (grams: number) => ({
  kind: 'reading',
  reading: { grams, stable: true, negative: false, overload: false, underZero: false },
});

describe('Toledo 8217 frames (docs/formats.md §5.1)', () => {
  it('the manual fixture 02 30 31 2E 32 33 34 0D is 1.234 kg = 1234 g, stable', () => {
    expect(createToledo8217Parser()(Uint8Array.of(0x02, 0x30, 0x31, 0x2e, 0x32, 0x33, 0x34, 0x0d))).toEqual([
      stable(1234),
    ]);
  });

  it('leading spaces and the N (net) marker are accepted', () => {
    expect(createToledo8217Parser()(bytes('\x02  0.500N\r'))).toEqual([stable(500)]);
  });

  it('status frames: motion, over capacity, under zero (bits 0..2), printable padding ignored', () => {
    const parse = createToledo8217Parser();
    const [motion, over, under, padded] = parse(bytes('\x02?\x01\r\x02?B\r\x02?D\r\x02?A\r'));
    expect(motion).toEqual({
      kind: 'reading',
      reading: { grams: null, stable: false, negative: false, overload: false, underZero: false },
    });
    expect(over).toMatchObject({ reading: { grams: null, overload: true, stable: true } });
    expect(under).toMatchObject({ reading: { grams: null, negative: true, underZero: true } });
    expect(padded).toEqual(motion);
  });

  it('a raw status byte equal to STX (0x02, over capacity) is read by the fixed layout, not taken for a new frame', () => {
    const out = createToledo8217Parser()(
      Uint8Array.of(0x02, 0x3f, 0x02, 0x0d, 0x02, 0x30, 0x2e, 0x35, 0x30, 0x30, 0x0d),
    );
    expect(out).toEqual([
      { kind: 'reading', reading: { grams: null, stable: true, negative: false, overload: true, underZero: false } },
      stable(500),
    ]);
  });

  it('a raw status byte equal to CR (0x0D: motion, under zero, outside zero range) gives no weight, flagged negative', () => {
    const out = createToledo8217Parser()(Uint8Array.of(0x02, 0x3f, 0x0d, 0x0d, 0x02, 0x3f, 0x04, 0x0d));
    expect(out).toEqual([
      { kind: 'reading', reading: { grams: null, stable: false, negative: true, overload: false, underZero: true } },
      { kind: 'reading', reading: { grams: null, stable: true, negative: true, overload: false, underZero: true } },
    ]);
  });

  it('a status frame split after its STX-valued status byte waits for its CR', () => {
    const parse = createToledo8217Parser();
    expect(parse(Uint8Array.of(0x02, 0x3f, 0x02))).toEqual([]);
    expect(parse(Uint8Array.of(0x0d))).toMatchObject([{ kind: 'reading', reading: { overload: true, grams: null } }]);
  });

  it('a status frame without its CR at the fixed place is garbage, and the next frame still parses', () => {
    const out = createToledo8217Parser()(bytes('\x02?\x0200.750\r'));
    expect(out).toEqual([{ kind: 'garbage', text: '\x02?' }, stable(750)]);
  });

  it('a signed weight is not a reading: the 8217 says negative with its status byte only', () => {
    expect(createToledo8217Parser()(bytes('\x02-0.120\r')).map((m) => m.kind)).toEqual(['garbage']);
  });

  it('a frame split over chunks waits for its end', () => {
    const parse = createToledo8217Parser();
    expect(parse(bytes('\x0201.'))).toEqual([]);
    expect(parse(bytes('250\r'))).toEqual([stable(1250)]);
  });

  it('noise before STX, a cut-off frame and an unreadable frame are garbage, the good frame still parses', () => {
    const out = createToledo8217Parser()(bytes('zz\x0201.2\x0200.750\r\x02abc\r'));
    expect(out.map((m) => m.kind)).toEqual(['garbage', 'garbage', 'reading', 'garbage']);
    expect(out[2]).toEqual(stable(750));
  });

  it('noise without CR never grows the buffer without bound', () => {
    const parse = createToledo8217Parser();
    const out = parse(bytes('\x02' + '9'.repeat(100)));
    expect(out.map((m) => m.kind)).toEqual(['garbage']);
    expect(parse(bytes('\x020.001\r'))).toEqual([stable(1)]);
  });

  it('the parity bit is masked (a 7E1 scale read on an 8N1 port)', () => {
    const frame = [...bytes('\x0200.042\r')].map((b) => (b === 0x34 ? b | 0x80 : b));
    expect(createToledo8217Parser()(Uint8Array.from(frame))).toEqual([stable(42)]);
  });
});

describe('MT-SICS lines (docs/formats.md §5.2)', () => {
  it('S S / S D weights, right-aligned in 10 characters, g and kg', () => {
    expect(parseMtSicsLine('S S     100.00 g')).toEqual(stable(100));
    expect(parseMtSicsLine('S D     129.07 g')).toMatchObject({ reading: { grams: 129, stable: false } });
    expect(parseMtSicsLine('S S      1.234 kg')).toEqual(stable(1234));
    expect(parseMtSicsLine('S S     -0.120 kg')).toMatchObject({
      reading: { grams: -120, negative: true, stable: true },
    });
  });

  it('overload, underload, busy, command acks and errors', () => {
    expect(parseMtSicsLine('S +')).toMatchObject({ reading: { overload: true, grams: null } });
    expect(parseMtSicsLine('S -')).toMatchObject({ reading: { underZero: true, negative: true, grams: null } });
    expect(parseMtSicsLine('S I')).toMatchObject({ kind: 'rejected' });
    expect(parseMtSicsLine('Z A')).toEqual({ kind: 'ack', command: 'zero' });
    expect(parseMtSicsLine('T S      0.100 kg')).toEqual({ kind: 'ack', command: 'tare' });
    expect(parseMtSicsLine('TAC A')).toEqual({ kind: 'ack', command: 'clear-tare' });
    expect(parseMtSicsLine('Z I')).toMatchObject({ kind: 'rejected', command: 'zero' });
    expect(parseMtSicsLine('ES')).toMatchObject({ kind: 'rejected', command: 'any' });
  });

  it('pounds are not converted silently', () => {
    expect(parseMtSicsLine('S S       2.20 lb')).toMatchObject({ kind: 'garbage' });
  });

  it('lines split over chunks, CR LF framing, garbage lines reported', () => {
    const parse = createMtSicsParser();
    expect(parse(bytes('S S    '))).toEqual([]);
    const out = parse(bytes(' 5.00 g\r\n#@!\r\nS S     6.00 g\r\n'));
    expect(out).toEqual([stable(5), { kind: 'garbage', text: '#@!' }, stable(6)]);
  });
});

describe('decimal weights to integer grams', () => {
  it('rounds digits past the gram half-up, no floats', () => {
    expect(decimalToGrams('0.0005', 'kg')).toBe(1);
    expect(decimalToGrams('0.0004', 'kg')).toBe(0);
    expect(decimalToGrams('129.07', 'g')).toBe(129);
    expect(decimalToGrams('1500', 'mg')).toBe(2);
    expect(decimalToGrams('1.2.3', 'kg')).toBeUndefined();
  });

  it('kg with three decimals round-trips every gram value', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (grams) => {
        const abs = Math.abs(grams);
        const text = `${grams < 0 ? '-' : ''}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
        expect(decimalToGrams(text, 'kg')).toBe(grams);
      }),
    );
  });
});
