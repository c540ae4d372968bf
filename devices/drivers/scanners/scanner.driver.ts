import type { ByteTransport } from '../../transports/byte-transport.ts';
import { ListenerSet } from '../../transports/listener-set.ts';
import { DEFAULT_SCANNER_FRAMING, parseScanLine } from './scanner.protocol.ts';
import type { Scan, ScannerFraming } from './scanner.protocol.ts';

/** Longest line kept while waiting for CR/LF; QR payloads fit, noise does not grow the buffer. */
const MAX_LINE = 4096;

export type ScannerDriverOptions = {
  readonly transport: ByteTransport;
  readonly framing?: ScannerFraming;
  readonly onGarbage?: (text: string) => void;
  /** a scan listener threw: log it with the device name (STYLE.md habit 6) */
  readonly onListenerError?: (error: unknown) => void;
};

/**
 * A serial barcode scanner: lines end with CR, LF or CR LF; each line is one scan. Every scan is
 * emitted, repeats included: scanning the same item twice means two items.
 */
export class ScannerDriver {
  #o: ScannerDriverOptions;
  #framing: ScannerFraming;
  #scans: ListenerSet<[Scan]>;
  #buffer = '';
  #unsubscribe: (() => void) | undefined;

  constructor(options: ScannerDriverOptions) {
    this.#o = options;
    this.#framing = options.framing ?? DEFAULT_SCANNER_FRAMING;
    this.#scans = new ListenerSet(options.onListenerError);
  }

  start(): void {
    if (this.#unsubscribe) return;
    this.#unsubscribe = this.#o.transport.onData((chunk) => this.#receive(chunk));
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#buffer = '';
  }

  onScan(listener: (scan: Scan) => void): () => void {
    return this.#scans.add(listener);
  }

  #receive(chunk: Uint8Array): void {
    // Barcode data is ASCII; QR payloads may be UTF-8, so decode the line as UTF-8 bytes.
    for (const b of chunk) this.#buffer += String.fromCharCode(b);
    let end: number;
    while ((end = this.#buffer.search(/[\r\n]/)) >= 0) {
      const raw = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 1);
      if (raw.length === 0) continue; // the LF of a CR LF
      const line = new TextDecoder().decode(Uint8Array.from([...raw].map((c) => c.charCodeAt(0))));
      const scan = parseScanLine(line, this.#framing);
      if (scan) this.#scans.emit(scan);
      else this.#o.onGarbage?.(raw);
    }
    if (this.#buffer.length > MAX_LINE) {
      this.#o.onGarbage?.(this.#buffer);
      this.#buffer = '';
    }
  }
}
