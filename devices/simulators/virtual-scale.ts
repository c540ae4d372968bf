import type { ByteTransport } from '../transports/byte-transport.ts';
import { openSerialTransport } from '../transports/serial.transport.ts';

export type VirtualScaleOptions = {
  /** the device end of a pty pair (PtyPair.devicePath) */
  readonly path: string;
  readonly protocol: 'toledo-8217' | 'mt-sics';
  /** MT-SICS reply unit */
  readonly unit?: 'g' | 'kg';
  /**
   * 8217 status byte: 'printable' pads the bits with 0x40 (some devices do, docs/formats.md §5.1 [?]);
   * 'raw' sends the bits as they are, so over capacity is 0x02 (= STX) and motion + under zero +
   * outside the zero range is 0x0D (= CR). Default 'printable'.
   */
  readonly statusByte?: 'printable' | 'raw';
};

/**
 * A serial scale speaking Toledo 8217 or MT-SICS on a pty. Frames are written here from the
 * protocol tables (docs/formats.md §5.1–5.2), independently of the driver's parsers.
 */
export class VirtualScale {
  #o: VirtualScaleOptions;
  #transport: ByteTransport | undefined;
  #pending = '';
  #load = 0;
  #zero = 0;
  #tare = 0;
  #motion = false;
  #overload = false;
  #underZero = false;
  #outsideZeroRange = false;
  #silent = false;
  readonly requests: string[] = [];

  constructor(options: VirtualScaleOptions) {
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
    if (!opened.ok) throw new Error(`virtual scale cannot open ${this.#o.path}: ${opened.params?.reason}`);
    this.#transport = opened.value;
    this.#transport.onData((chunk) => this.#receive(chunk));
  }

  async stop(): Promise<void> {
    const t = this.#transport;
    this.#transport = undefined;
    await t?.close();
  }

  /** Puts `grams` on the platter; the reading settles (stable) unless setMotion(true). */
  place(grams: number): void {
    this.#load = grams;
  }

  setMotion(on: boolean): void {
    this.#motion = on;
  }

  setOverload(on: boolean): void {
    this.#overload = on;
  }

  /** Under zero; `outsideZeroRange` also sets 8217 status bit 3 (beyond the zero-capture range). */
  setUnderZero(on: boolean, outsideZeroRange = false): void {
    this.#underZero = on;
    this.#outsideZeroRange = on && outsideZeroRange;
  }

  /** A silent scale reads requests but never answers (cable pulled on the far side). */
  setSilent(on: boolean): void {
    this.#silent = on;
  }

  /** Sends raw bytes, e.g. line noise or half a frame. */
  async sendRaw(bytes: Uint8Array | string): Promise<void> {
    await this.#transport?.write(typeof bytes === 'string' ? latin1(bytes) : bytes);
  }

  get netGrams(): number {
    return this.#load - this.#zero - this.#tare;
  }

  #receive(chunk: Uint8Array): void {
    for (const b of chunk) this.#pending += String.fromCharCode(b);
    if (this.#o.protocol === 'toledo-8217') {
      // single-letter commands, no terminator
      const commands = [...this.#pending];
      this.#pending = '';
      for (const c of commands) this.#answer(c, this.#toledo(c));
    } else {
      let end: number;
      while ((end = this.#pending.indexOf('\r\n')) >= 0) {
        const cmd = this.#pending.slice(0, end).trim();
        this.#pending = this.#pending.slice(end + 2);
        this.#answer(cmd, this.#sics(cmd));
      }
    }
  }

  #answer(request: string, reply: string | undefined): void {
    this.requests.push(request);
    if (this.#silent || reply === undefined) return;
    void this.#transport?.write(latin1(reply)).catch(() => {});
  }

  /** 8217: W → STX weight-in-kg CR, or STX ? status CR; Z/T/C are not answered. */
  #toledo(c: string): string | undefined {
    if (c === 'W') {
      const net = this.netGrams;
      // status bits: 0 motion, 1 over capacity, 2 under zero, 3 outside zero range, 5 net; optionally padded with 0x40 into printable ASCII
      let status = 0;
      if (this.#motion) status |= 0x01;
      if (this.#overload) status |= 0x02;
      if (this.#underZero || net < 0) status |= 0x04;
      if (this.#outsideZeroRange) status |= 0x08;
      const pad = this.#o.statusByte === 'raw' ? 0 : 0x40;
      if (status !== 0) return `\x02?${String.fromCharCode(pad | status | (this.#tare ? 0x20 : 0))}\r`;
      const kg = `${Math.floor(net / 1000)}.${String(net % 1000).padStart(3, '0')}`.padStart(6, '0');
      return `\x02${kg}${this.#tare ? 'N' : ''}\r`;
    }
    if (c === 'Z' && !this.#motion) this.#zero = this.#load - this.#tare;
    if (c === 'T' && !this.#motion) this.#tare = this.#load - this.#zero;
    if (c === 'C') this.#tare = 0;
    return undefined;
  }

  /** MT-SICS: S / SI weights, Z zero, T tare, TAC clear tare; CR LF lines. */
  #sics(cmd: string): string {
    const value = (grams: number) => {
      const unit = this.#o.unit ?? 'kg';
      const abs = Math.abs(grams);
      const text = unit === 'kg' ? `${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}` : `${abs}.00`;
      return `${(grams < 0 ? '-' : '') + text}`.padStart(10) + ` ${unit}`;
    };
    const line = (s: string) => `${s}\r\n`;
    switch (cmd) {
      case 'S':
      case 'SI':
        if (this.#overload) return line('S +');
        if (this.#underZero) return line('S -');
        if (cmd === 'S' && this.#motion) return line('S I');
        return line(`S ${this.#motion ? 'D' : 'S'} ${value(this.netGrams)}`);
      case 'Z':
        if (this.#motion) return line('Z I');
        this.#zero = this.#load - this.#tare;
        return line('Z A');
      case 'T':
        if (this.#motion) return line('T I');
        this.#tare = this.#load - this.#zero;
        return line(`T S ${value(this.#tare)}`);
      case 'TAC':
        this.#tare = 0;
        return line('TAC A');
      default:
        return line('ES');
    }
  }
}

function latin1(text: string): Uint8Array {
  return Uint8Array.from([...text].map((c) => c.charCodeAt(0) & 0xff));
}
