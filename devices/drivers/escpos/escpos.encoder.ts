import { encodeGb18030 } from '../text/gb18030.ts';
import * as cmd from './escpos.commands.ts';
import type { Alignment, BarcodeOptions, BarcodeSymbology, QrErrorCorrection } from './escpos.commands.ts';

/**
 * A pure ESC/POS byte builder: each call appends one command; `encode()` returns the bytes.
 * Text is GB18030 in Chinese mode (FS & right after ESC @).
 */
export class EscPosEncoder {
  #parts: Uint8Array[] = [];

  /** ESC @ then FS &: reset the printer and read multi-byte text as GB18030. */
  initialize(): this {
    return this.#push(cmd.INITIALIZE, cmd.CHINESE_MODE_ON);
  }

  text(text: string): this {
    return this.#push(encodeGb18030(text));
  }

  line(text = ''): this {
    return this.#push(encodeGb18030(text), cmd.LF);
  }

  align(alignment: Alignment): this {
    return this.#push(cmd.align(alignment));
  }

  bold(on: boolean): this {
    return this.#push(cmd.bold(on));
  }

  underline(dots: 0 | 1 | 2): this {
    return this.#push(cmd.underline(dots));
  }

  size(width: number, height: number): this {
    return this.#push(cmd.characterSize(width, height));
  }

  feed(lines: number): this {
    return this.#push(cmd.feedLines(lines));
  }

  barcode(
    data: string,
    symbology: BarcodeSymbology,
    options: BarcodeOptions = { heightDots: 80, moduleWidth: 2, hri: 'below' },
  ): this {
    return this.#push(cmd.barcode(data, symbology, options));
  }

  /** QR model 2 (the e-receipt link); text payloads are UTF-8. */
  qrCode(payload: string, moduleSize = 6, errorCorrection: QrErrorCorrection = 'M'): this {
    return this.#push(cmd.qrCode(new TextEncoder().encode(payload), moduleSize, errorCorrection));
  }

  cut(partial = true, feedUnits = 0): this {
    return this.#push(cmd.feedAndCut(partial, feedUnits));
  }

  /** Default pulse 50 ms on / 500 ms off, the common `1B 70 00 19 FA`. */
  drawerKick(pin: 2 | 5 = 2, onMs = 50, offMs = 500): this {
    return this.#push(cmd.drawerKick(pin, onMs, offMs));
  }

  raw(bytes: Uint8Array): this {
    return this.#push(bytes);
  }

  encode(): Uint8Array {
    return cmd.concatBytes(this.#parts);
  }

  #push(...parts: Uint8Array[]): this {
    this.#parts.push(...parts);
    return this;
  }
}
