import type { ByteTransport } from '../transports/byte-transport.ts';
import { openSerialTransport } from '../transports/serial.transport.ts';

export type VirtualScannerOptions = {
  /** the device end of a pty pair */
  readonly path: string;
  /** AIM identifier sent before each code, e.g. ']E0'; '' for none */
  readonly prefix?: string;
  readonly suffix?: string;
  readonly terminator?: '\r' | '\n' | '\r\n';
};

/** A serial scanner on a pty: `scan(code)` sends prefix + code + suffix + terminator. */
export class VirtualScanner {
  #o: VirtualScannerOptions;
  #transport: ByteTransport | undefined;

  constructor(options: VirtualScannerOptions) {
    this.#o = options;
  }

  async start(): Promise<void> {
    if (this.#transport) return;
    const opened = await openSerialTransport({
      path: this.#o.path,
      baudRate: 9600,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
    });
    if (!opened.ok) throw new Error(`virtual scanner cannot open ${this.#o.path}: ${opened.params?.reason}`);
    this.#transport = opened.value;
  }

  async stop(): Promise<void> {
    const t = this.#transport;
    this.#transport = undefined;
    await t?.close();
  }

  /** Scans `code`; `aim` overrides the configured prefix for this one scan (e.g. ']E4' for an EAN-8). */
  async scan(code: string, aim?: string): Promise<void> {
    if (!this.#transport) throw new Error('virtual scanner not started');
    const framed = `${aim ?? this.#o.prefix ?? ''}${code}${this.#o.suffix ?? ''}${this.#o.terminator ?? '\r\n'}`;
    await this.#transport.write(new TextEncoder().encode(framed));
  }

  /** Raw bytes: noise or half a scan. */
  async sendRaw(bytes: Uint8Array): Promise<void> {
    await this.#transport?.write(bytes);
  }
}
