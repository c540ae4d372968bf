import type { SerialSettings } from '../../transports/serial-settings.ts';
import type { ScaleMessage, ScaleReading } from './scale-reading.ts';
import { decimalToGrams } from './scale-reading.ts';

/**
 * Mettler-Toledo 8217 (weight-only POS protocol), docs/formats.md §5.1, after Odoo's SerialScaleDriver
 * (Mettler-Toledo Viva service manual p.51): 9600 baud, 7 data bits, even parity, 1 stop bit.
 */
export const TOLEDO_8217_SERIAL: SerialSettings = { baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 };

/** Host commands: a single letter, no terminator. */
export const TOLEDO_8217_COMMANDS = {
  weight: Uint8Array.of(0x57), // W
  zero: Uint8Array.of(0x5a), // Z
  tare: Uint8Array.of(0x54), // T
  clearTare: Uint8Array.of(0x43), // C
} as const;

const STX = '\x02';
const CR = '\r';
const STATUS_MARK = '?';
/** A frame longer than this without CR is noise: drop it rather than grow the buffer. */
const MAX_FRAME = 32;
// STX, optional spaces, digits with '.', optional 'N' (net), CR  (Odoo: \x02\s*([0-9.]+)N?\r)
const WEIGHT = /^\x02\s*([0-9]+(?:\.[0-9]+)?)N?\r$/;
/** What a weight field may hold: anything else (STX, a sign, letters) ends the frame as garbage. */
const WEIGHT_CHAR = /[0-9. N]/;

/**
 * Status byte bits (Odoo `_toledo8217StatusParse`): bit0 in motion, bit1 over capacity,
 * bit2 under zero (negative), bit3 outside zero-capture range, bit4 centre of zero, bit5 net.
 * Only bits 0..5 are read: devices may pad the byte into printable ASCII (docs/formats.md §5.1 [?]).
 */
export function toledoStatusReading(statusByte: number): ScaleReading {
  const underZero = (statusByte & 0x04) !== 0;
  return {
    grams: null,
    stable: (statusByte & 0x01) === 0,
    negative: underZero,
    overload: (statusByte & 0x02) !== 0,
    underZero,
  };
}

/**
 * A streaming parser: feed chunks, get whole frames; partial frames wait, noise becomes 'garbage'.
 *
 * Framing follows the fixed layout, never a search for STX/CR inside a frame: a status frame is
 * exactly STX '?' <status> CR, and its status byte may be any value: unpadded, over capacity is
 * 0x02 (= STX) and motion + under zero + outside the zero range is 0x0D (= CR). A weight frame is
 * STX, weight characters only (digits, '.', spaces, 'N'), CR.
 */
export function createToledo8217Parser(): (chunk: Uint8Array) => ScaleMessage[] {
  let buffer = '';
  return (chunk) => {
    // 7 data bits: mask the parity bit in case the port was opened 8N1.
    for (const b of chunk) buffer += String.fromCharCode(b & 0x7f);
    const out: ScaleMessage[] = [];
    /** Drops the broken frame at the head of the buffer, up to the next STX after `from`. */
    const garbageUntilNextStx = (from: number) => {
      const next = buffer.indexOf(STX, from);
      const cut = next < 0 ? buffer.length : next;
      out.push({ kind: 'garbage', text: buffer.slice(0, cut) });
      buffer = buffer.slice(cut);
    };
    for (;;) {
      const start = buffer.indexOf(STX);
      if (start < 0) {
        if (buffer.length > 0) out.push({ kind: 'garbage', text: buffer });
        buffer = '';
        break;
      }
      if (start > 0) {
        out.push({ kind: 'garbage', text: buffer.slice(0, start) });
        buffer = buffer.slice(start);
      }
      if (buffer.length < 2) break;
      if (buffer[1] === STATUS_MARK) {
        // STX '?' status CR: four bytes, whatever the status byte is
        if (buffer.length < 4) break;
        if (buffer[3] === CR) {
          out.push({ kind: 'reading', reading: toledoStatusReading(buffer.charCodeAt(2)) });
          buffer = buffer.slice(4);
        } else garbageUntilNextStx(2);
        continue;
      }
      let end = 1;
      while (end < buffer.length && end <= MAX_FRAME && WEIGHT_CHAR.test(buffer[end])) end++;
      if (end > MAX_FRAME) {
        garbageUntilNextStx(1);
        continue;
      }
      if (end === buffer.length) break; // the rest of the weight is still on the line
      if (buffer[end] !== CR) {
        // a new frame started before this one ended, or a byte no weight holds
        garbageUntilNextStx(buffer[end] === STX ? end : end + 1);
        continue;
      }
      const frame = buffer.slice(0, end + 1);
      buffer = buffer.slice(end + 1);
      out.push(parseFrame(frame));
    }
    return out;
  };
}

function parseFrame(frame: string): ScaleMessage {
  const weight = WEIGHT.exec(frame);
  if (weight) {
    const grams = decimalToGrams(weight[1], 'kg');
    if (grams !== undefined)
      return { kind: 'reading', reading: { grams, stable: true, negative: false, overload: false, underZero: false } };
  }
  return { kind: 'garbage', text: frame };
}
