import type { SerialSettings } from '../../transports/serial-settings.ts';
import type { ScaleCommand, ScaleMessage } from './scale-reading.ts';
import { decimalToGrams } from './scale-reading.ts';

/**
 * MT-SICS (Mettler-Toledo Standard Interface Command Set), docs/formats.md §5.2 (Atlantis-Software/mt-sics,
 * Kepware IND780 profile): lines end CR LF, typically 9600 8N1.
 */
export const MT_SICS_SERIAL: SerialSettings = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 };

const line = (text: string) => new TextEncoder().encode(`${text}\r\n`);
export const MT_SICS_COMMANDS = {
  /** stable weight: the scale waits for stability before answering */
  weight: line('S'),
  /** immediate weight, stable or dynamic: what a polling driver wants */
  weightImmediately: line('SI'),
  zero: line('Z'),
  tare: line('T'),
  clearTare: line('TAC'),
} as const;

const MAX_LINE = 128;
// "S S     100.00 g" / "S D     129.07 g": value right-aligned in 10 characters, then the unit
const WEIGHT = /^S\s+([SD])\s+(-?\s*[0-9]+(?:\.[0-9]+)?)\s+(\S+)$/;
const COMMAND_OF: Record<string, ScaleCommand> = { Z: 'zero', T: 'tare', TAC: 'clear-tare' };

/** A streaming parser of CR LF lines; a lone CR or LF also ends a line (tolerant of line settings). */
export function createMtSicsParser(): (chunk: Uint8Array) => ScaleMessage[] {
  let buffer = '';
  return (chunk) => {
    for (const b of chunk) buffer += String.fromCharCode(b);
    const out: ScaleMessage[] = [];
    for (;;) {
      const end = buffer.search(/[\r\n]/);
      if (end < 0) {
        if (buffer.length > MAX_LINE) {
          out.push({ kind: 'garbage', text: buffer });
          buffer = '';
        }
        break;
      }
      const text = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      if (text.length > 0) out.push(parseMtSicsLine(text));
    }
    return out;
  };
}

export function parseMtSicsLine(text: string): ScaleMessage {
  const weight = WEIGHT.exec(text);
  if (weight) {
    const grams = decimalToGrams(weight[2].replace(/\s+/g, ''), weight[3]);
    if (grams === undefined) return { kind: 'garbage', text };
    return {
      kind: 'reading',
      reading: { grams, stable: weight[1] === 'S', negative: grams < 0, overload: false, underZero: false },
    };
  }
  const parts = text.trim().split(/\s+/);
  const [cmd, status] = parts;
  if ((cmd === 'S' || cmd === 'SI') && status === '+') {
    return {
      kind: 'reading',
      reading: { grams: null, stable: false, negative: false, overload: true, underZero: false },
    };
  }
  if ((cmd === 'S' || cmd === 'SI') && status === '-') {
    return {
      kind: 'reading',
      reading: { grams: null, stable: false, negative: true, overload: false, underZero: true },
    };
  }
  if ((cmd === 'S' || cmd === 'SI') && status === 'I') return { kind: 'rejected', command: 'any', reply: text };
  const command = COMMAND_OF[cmd];
  if (command) {
    // Z A: zeroed; T S <tare> / TAC A: tare set / cleared; I, +, -: not executable, over, under
    if (status === 'A' || (command === 'tare' && status === 'S')) return { kind: 'ack', command };
    if (status === 'I' || status === '+' || status === '-') return { kind: 'rejected', command, reply: text };
  }
  if (cmd === 'ES' || cmd === 'ET' || cmd === 'EL') return { kind: 'rejected', command: 'any', reply: text };
  return { kind: 'garbage', text };
}
