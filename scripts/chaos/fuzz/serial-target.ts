import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { displayLines } from '../../../devices/drivers/displays/display-lines.ts';
import { displayProtocols } from '../../../devices/drivers/displays/display-protocols.ts';
import type { DisplayEvent } from '../../../server/core/devices/display-event.ts';
import { isStatusByte, parsePrinterStatus } from '../../../devices/drivers/escpos/printer-status.ts';
import { scaleProtocols } from '../../../devices/drivers/scales/scale-protocols.ts';
import type { ScaleMessage } from '../../../devices/drivers/scales/scale-reading.ts';
import { parseScanLine } from '../../../devices/drivers/scanners/scanner.protocol.ts';
import { VirtualDisplay } from '../../../devices/simulators/virtual-display.ts';
import { DisplayCommand } from '../../../server/contracts/devices/device-messages.schema.ts';
import { fail, newFigures, show, type TargetFigures } from './figures.ts';
import { draw, validish, type JsonSchema } from './schema-arbitrary.ts';

/**
 * Serial byte streams into every scale parser and the display interpreter, scan lines into the
 * scanner parser, status bytes into the printer status parser: pure code, so most of the full run's
 * inputs go here. Besides never throwing, a stream parser must not care how the bytes were chunked.
 */

/** Bytes a scale line carries (digits, signs, units, STX/CR/LF, status letters) and a few of any value. */
const SCALE_BYTES = [...'0123456789.+- SDIkgZTU?\r\n'].map((c) => c.charCodeAt(0)).concat([0x02, 0x03, 0x0d, 0x0a]);
const byteStream = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...SCALE_BYTES) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) },
  ),
  { maxLength: 96 },
);
/** A stream and the points where it is cut into chunks, as a serial port delivers it. */
const chunked = fc.tuple(byteStream, fc.array(fc.nat({ max: 96 }), { maxLength: 6 })).map(([bytes, cuts]) => {
  const points = [...new Set(cuts.filter((c) => c < bytes.length))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    chunks.push(Uint8Array.from(bytes.slice(from, p)));
    from = p;
  }
  return { bytes: Uint8Array.from(bytes), chunks };
});

/** Noise between frames may come out in as many pieces as it arrived in: join adjacent garbage. */
function joinGarbage(messages: ScaleMessage[]): ScaleMessage[] {
  const out: ScaleMessage[] = [];
  for (const m of messages) {
    const last = out[out.length - 1];
    if (m.kind === 'garbage' && last?.kind === 'garbage')
      out[out.length - 1] = { kind: 'garbage', text: last.text + m.text };
    else out.push(m);
  }
  return out;
}

function wellFormed(m: ScaleMessage): boolean {
  if (m.kind === 'reading')
    return m.reading.grams === null || (Number.isSafeInteger(m.reading.grams) && Math.abs(m.reading.grams) < 1e9);
  return ['ack', 'rejected', 'garbage'].includes(m.kind);
}

type SerialInput =
  | { kind: 'scale'; protocol: number; bytes: Uint8Array; chunks: Uint8Array[] }
  | { kind: 'display-bytes'; protocol: number; bytes: Uint8Array; chunks: Uint8Array[] }
  | { kind: 'display-event'; protocol: number; event: DisplayEvent; columns: number; asciiOnly: boolean }
  | { kind: 'scan'; line: string; aim: boolean; prefix: string; suffix: string }
  | { kind: 'printer-status'; bytes: [number, number, number] };

const eventArb = validish(DisplayCommand.properties.event as unknown as JsonSchema, { values: () => ['可乐', 'Cola'] });

const inputArb: fc.Arbitrary<SerialInput> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.nat({ max: scaleProtocols.length - 1 }), chunked)
      .map(([protocol, c]) => ({ kind: 'scale' as const, protocol, ...c })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.nat({ max: 2 }), chunked)
      .map(([protocol, c]) => ({ kind: 'display-bytes' as const, protocol, ...c })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.nat({ max: displayProtocols.length - 1 }), eventArb, fc.constantFrom(16, 20), fc.boolean())
      .map(([protocol, event, columns, asciiOnly]) => ({
        kind: 'display-event' as const,
        protocol,
        event: event as DisplayEvent,
        columns,
        asciiOnly,
      })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({
        line: fc.oneof(fc.string({ maxLength: 48 }), fc.stringMatching(/^\][A-Za-z][0-9][0-9\x1d]{0,30}$/)),
        aim: fc.boolean(),
        prefix: fc.constantFrom('', 'S', '\x02'),
        suffix: fc.constantFrom('', 'E', '\x03'),
      })
      .map((r) => ({ kind: 'scan' as const, ...r })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
      .map((bytes) => ({ kind: 'printer-status' as const, bytes })),
  },
);

const DISPLAY_NAMES = ['epson', 'cd5220', 'led8'] as const;

function feedDisplay(protocol: number, chunks: Uint8Array[]) {
  const d = new VirtualDisplay({ path: '/dev/null', protocol: DISPLAY_NAMES[protocol] });
  for (const c of chunks) d.feed(c);
  return { lines: d.lines(), led: d.led() };
}

export function fuzzSerial(seed: number, count: number, progress?: (line: string) => void): TargetFigures {
  const f = newFigures('serial parsers (scales, display, scanner, printer status)');
  const kinds = new Map<string, number>();
  for (const input of draw(inputArb, seed, count, 2_000)) {
    if (++f.inputs % 100_000 === 0) progress?.(`serial: ${f.inputs}/${count}`);
    kinds.set(input.kind, (kinds.get(input.kind) ?? 0) + 1);
    try {
      switch (input.kind) {
        case 'scale': {
          const p = scaleProtocols[input.protocol];
          const whole = p.createParser()(input.bytes);
          const pieces = p.createParser();
          const chunked = input.chunks.flatMap((c) => pieces(c));
          if (!whole.every(wellFormed))
            fail(f, 'violations', `${p.name} ill-formed message from ${show([...input.bytes])}`);
          if (!isDeepStrictEqual(joinGarbage(whole), joinGarbage(chunked)))
            fail(
              f,
              'violations',
              `${p.name} depends on chunking: ${show([...input.bytes])} cut ${show(input.chunks.map((c) => c.length))}`,
            );
          break;
        }
        case 'display-bytes': {
          const whole = feedDisplay(input.protocol, [input.bytes]);
          const chunked = feedDisplay(input.protocol, input.chunks);
          if (!isDeepStrictEqual(whole, chunked))
            fail(
              f,
              'violations',
              `${DISPLAY_NAMES[input.protocol]} display depends on chunking: ${show([...input.bytes])}`,
            );
          break;
        }
        case 'display-event': {
          const p = displayProtocols[input.protocol];
          const text = { columns: input.columns, asciiOnly: input.asciiOnly };
          const bytes = p.encode(input.event, text);
          if (!(bytes instanceof Uint8Array))
            fail(f, 'violations', `${p.name} encoded no bytes for ${show(input.event)}`);
          else feedDisplay(DISPLAY_NAMES.indexOf(p.name), [p.initialize, bytes]);
          if (p.name !== 'led8') {
            const lines = displayLines(input.event, text);
            if (lines.length !== 2) fail(f, 'violations', `display lines for ${show(input.event)}: ${show(lines)}`);
          }
          break;
        }
        case 'scan': {
          const scan = parseScanLine(input.line, input);
          if (scan && (scan.code.length === 0 || /[\x00-\x1c\x1e\x1f\x7f]/.test(scan.code)))
            fail(f, 'violations', `scan of ${show(input.line)} kept control characters: ${show(scan)}`);
          break;
        }
        case 'printer-status': {
          const status = parsePrinterStatus(...input.bytes);
          if ((status !== undefined) !== input.bytes.every(isStatusByte))
            fail(f, 'violations', `printer status of ${show(input.bytes)}: ${show(status)}`);
          break;
        }
      }
    } catch (error) {
      // the LED's documented refusal: more than 8 digits cannot be shown (the agent acks it as not ok)
      if (input.kind === 'display-event' && error instanceof RangeError && /does not fit/.test(error.message)) {
        f.refused++;
        continue;
      }
      fail(f, 'crashes', `${input.kind} ${show(input)}: ${(error as Error).stack?.split('\n').slice(0, 2).join(' ')}`);
    }
  }
  f.notes.push([...kinds].map(([k, n]) => `${k} ${n}`).join(', '));
  return f;
}
