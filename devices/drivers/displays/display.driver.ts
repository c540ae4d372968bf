import type { ByteTransport } from '../../transports/byte-transport.ts';
import type { DisplayEvent } from '../../../server/core/devices/display-event.ts';
import type { DisplayTextOptions } from './display-lines.ts';
import type { DisplayProtocol } from './display-protocols.ts';

export type DisplayDriverOptions = {
  readonly transport: ByteTransport;
  readonly protocol: DisplayProtocol;
  readonly text?: Partial<DisplayTextOptions>;
};

/** Drives one customer display; sends bytes only when what is shown changes. */
export class DisplayDriver {
  #o: DisplayDriverOptions;
  #text: DisplayTextOptions;
  #shown: Uint8Array | undefined;

  constructor(options: DisplayDriverOptions) {
    this.#o = options;
    this.#text = { columns: 20, asciiOnly: false, ...options.text };
  }

  async start(): Promise<void> {
    this.#shown = undefined;
    await this.#o.transport.write(this.#o.protocol.initialize);
  }

  /** Returns false when the display already showed this (nothing was sent). */
  async show(event: DisplayEvent): Promise<boolean> {
    const bytes = this.#o.protocol.encode(event, this.#text);
    if (this.#shown && equalBytes(this.#shown, bytes)) return false;
    await this.#o.transport.write(bytes);
    this.#shown = bytes;
    return true;
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
