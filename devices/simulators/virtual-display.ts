import type { ByteTransport } from '../transports/byte-transport.ts';
import { openSerialTransport } from '../transports/serial.transport.ts';

export type VirtualDisplayOptions = {
  /** the device end of a pty pair */
  readonly path: string;
  readonly protocol: 'epson' | 'cd5220' | 'led8';
  readonly columns?: number;
};

/** The 8-digit LED's state: the number shown and the lit lamp. */
export type LedState = {
  readonly text: string;
  readonly lamp: 'price' | 'total' | 'paid' | 'change' | 'thanks' | 'none';
};

const LAMPS: Record<number, LedState['lamp']> = { 1: 'price', 2: 'total', 3: 'paid', 4: 'change' };

/**
 * A customer display on a pty that interprets what it receives (docs/formats.md §6.1–6.3) into what a
 * customer would read: two lines of `columns` cells (a GB18030 character fills two cells), or
 * the LED number and lamp. It interprets bytes on its own, sharing no code with the encoders.
 */
export class VirtualDisplay {
  #o: Required<VirtualDisplayOptions>;
  #transport: ByteTransport | undefined;
  #cells: string[][];
  #row = 0;
  #col = 0;
  #led: LedState = { text: '', lamp: 'none' };
  #pending: number[] = [];
  #changes = 0;

  constructor(options: VirtualDisplayOptions) {
    this.#o = { columns: 20, ...options };
    this.#cells = this.#blank();
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
    if (!opened.ok) throw new Error(`virtual display cannot open ${this.#o.path}: ${opened.params?.reason}`);
    this.#transport = opened.value;
    this.#transport.onData((chunk) => this.feed(chunk));
  }

  async stop(): Promise<void> {
    const t = this.#transport;
    this.#transport = undefined;
    await t?.close();
  }

  /** The two lines as shown, trailing spaces kept (each is `columns` wide). */
  lines(): [string, string] {
    return [this.#cells[0].join(''), this.#cells[1].join('')];
  }

  led(): LedState {
    return this.#led;
  }

  /** How many complete updates arrived (a test waits on this). */
  get updates(): number {
    return this.#changes;
  }

  /** Interprets bytes; public so a test can drive it without a pty. */
  feed(chunk: Uint8Array): void {
    this.#pending.push(...chunk);
    let consumed: number;
    while (this.#pending.length > 0 && (consumed = this.#step(this.#pending)) > 0) this.#pending.splice(0, consumed);
  }

  /** Interprets one command or character at the head; 0 = wait for more bytes. */
  #step(b: number[]): number {
    const p = this.#o.protocol;
    const [c0, c1, c2, c3] = b;
    if (c0 === 0x1b) {
      if (c1 === undefined) return 0;
      if (c1 === 0x40) return (this.#reset(), 2); // ESC @
      if (c1 === 0x51) {
        // ESC Q A|B text CR (CD5220 lines, LED number)
        const end = b.indexOf(0x0d, 3);
        if (c2 === undefined || end < 0) return 0;
        const text = b.slice(3, end);
        if (p === 'led8') this.#led = { ...this.#led, text: String.fromCharCode(...text) };
        else this.#writeLine(c2 === 0x41 ? 0 : 1, text);
        this.#changes++;
        return end + 1;
      }
      if (c1 === 0x73) {
        if (c2 === undefined) return 0;
        this.#led = { text: this.#led.text, lamp: LAMPS[c2] ?? 'none' };
        return 3;
      }
      return 2;
    }
    if (c0 === 0x1f) {
      if (c1 === undefined) return 0;
      if (c1 === 0x24) {
        // US $ n m: cursor to column n, line m (1-based)
        if (c3 === undefined) return 0;
        this.#col = Math.max(0, c2 - 1);
        this.#row = c3 === 2 ? 1 : 0;
        return 4;
      }
      if (c1 === 0x50) {
        if (c2 === undefined) return 0;
        this.#led = { text: '', lamp: 'thanks' };
        this.#changes++;
        return 3;
      }
      return 2; // US MD1 and other two-byte modes
    }
    if (c0 === 0x0c) {
      this.#cells = this.#blank();
      this.#row = 0;
      this.#col = 0;
      if (p === 'led8') {
        this.#led = { text: '', lamp: 'none' };
        this.#changes++;
      }
      return 1;
    }
    if (c0 === 0x0b) return ((this.#row = 0), (this.#col = 0), 1);
    if (c0 === 0x0d) return ((this.#col = 0), 1);
    if (c0 === 0x0a) return ((this.#row = 1), 1);
    if (c0 >= 0x81) {
      // GB18030: four bytes when the second is a digit, else two
      if (c1 === undefined) return 0;
      const length = c1 >= 0x30 && c1 <= 0x39 ? 4 : 2;
      if (b.length < length) return 0;
      this.#put(new TextDecoder('gb18030').decode(Uint8Array.from(b.slice(0, length))), 2);
      return length;
    }
    if (c0 >= 0x20) {
      this.#put(String.fromCharCode(c0), 1);
      // Epson mode: a text write completing line 2 ends an update
      if (p === 'epson' && this.#row === 1 && this.#col >= this.#o.columns) this.#changes++;
      return 1;
    }
    return 1;
  }

  #writeLine(row: number, text: number[]): void {
    this.#cells[row] = Array(this.#o.columns).fill(' ');
    this.#row = row;
    this.#col = 0;
    this.#feedText(text);
  }

  #feedText(text: number[]): void {
    let i = 0;
    while (i < text.length) {
      const n = this.#step(text.slice(i));
      if (n === 0) break;
      i += n;
    }
  }

  #put(char: string, width: 1 | 2): void {
    if (this.#col + width > this.#o.columns) return;
    this.#cells[this.#row][this.#col] = char;
    if (width === 2) this.#cells[this.#row][this.#col + 1] = '';
    this.#col += width;
  }

  #reset(): void {
    this.#cells = this.#blank();
    this.#row = 0;
    this.#col = 0;
    this.#led = { text: '', lamp: 'none' };
  }

  #blank(): string[][] {
    return [Array(this.#o.columns).fill(' '), Array(this.#o.columns).fill(' ')];
  }
}
