import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import type { ByteTransport } from '../transports/byte-transport.ts';
import { openSerialTransport } from '../transports/serial.transport.ts';

export type VirtualPrinterOptions = { readonly host?: string; readonly port?: number };

/**
 * A network ESC/POS printer on raw TCP (port 9100 in a store; 0 = any free port in tests).
 * Records every byte it receives, answers DLE EOT 1/2/4 from its paper and cover state, and can
 * stop answering (stops reading and replying) to play a printer that hangs mid-job.
 * Status bytes are written here from the manual's bit table (docs/formats.md §4.2), not from the driver.
 */
export class VirtualPrinter {
  #host: string;
  #requestedPort: number;
  #server: Server | undefined;
  #sockets = new Set<Socket>();
  #serial: ByteTransport | undefined;
  #received: number[] = [];
  #connections = 0;
  #paperOut = false;
  #paperNearEnd = false;
  #coverOpen = false;
  #silentAfter: number | undefined;

  constructor(options: VirtualPrinterOptions = {}) {
    this.#host = options.host ?? '127.0.0.1';
    this.#requestedPort = options.port ?? 0;
  }

  async start(): Promise<void> {
    if (this.#server) return;
    const server = createServer((socket) => this.#accept(socket));
    this.#server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#requestedPort, this.#host, () => resolve());
    });
  }

  async stop(): Promise<void> {
    const serial = this.#serial;
    this.#serial = undefined;
    await serial?.close();
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * Also answers on a serial line (the device end of a pty pair), as a serial receipt printer.
   * When silent, bytes on the serial line are dropped (a serial line has no buffer to back up).
   */
  async attachSerial(path: string): Promise<void> {
    const opened = await openSerialTransport({ path, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 });
    if (!opened.ok) throw new Error(`virtual printer cannot open ${path}: ${opened.params?.reason}`);
    const serial = opened.value;
    this.#serial = serial;
    const lastThree: number[] = [];
    serial.onData((chunk) => {
      for (const b of chunk) {
        if (this.#silentAfter !== undefined && this.#received.length >= this.#silentAfter) return;
        this.#received.push(b);
        this.#watchStatusRequest((reply) => void serial.write(reply).catch(() => {}), lastThree, b);
      }
    });
  }

  get port(): number {
    const address = this.#server?.address();
    if (!address || typeof address === 'string') throw new Error('virtual printer not started');
    return address.port;
  }

  get host(): string {
    return this.#host;
  }

  setPaperOut(on: boolean): void {
    this.#paperOut = on;
  }

  setPaperNearEnd(on: boolean): void {
    this.#paperNearEnd = on;
  }

  setCoverOpen(on: boolean): void {
    this.#coverOpen = on;
  }

  /** After `afterBytes` more bytes (0 = now) the printer stops reading and answering. */
  stopAnswering(afterBytes = 0): void {
    this.#silentAfter = this.#received.length + afterBytes;
  }

  /** Heals a hung printer like a power cycle: hung connections are dropped, unread bytes lost. */
  answerAgain(): void {
    this.#silentAfter = undefined;
    for (const socket of this.#sockets) if (socket.isPaused()) socket.destroy();
  }

  /** Every byte received so far, over all connections. */
  received(): Uint8Array {
    return Uint8Array.from(this.#received);
  }

  clearReceived(): void {
    if (this.#silentAfter !== undefined) this.#silentAfter = Math.max(0, this.#silentAfter - this.#received.length);
    this.#received = [];
  }

  get connections(): number {
    return this.#connections;
  }

  #accept(socket: Socket): void {
    this.#connections++;
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    if (this.#silentAfter !== undefined && this.#received.length >= this.#silentAfter) socket.pause();
    const lastThree: number[] = [];
    socket.on('data', (chunk: Buffer) => {
      for (const b of chunk) {
        if (this.#silentAfter !== undefined && this.#received.length >= this.#silentAfter) {
          // A hung printer: nothing more is read, so the sender's writes back up in the socket buffers.
          socket.pause();
          return;
        }
        this.#received.push(b);
        this.#watchStatusRequest((reply) => socket.write(reply), lastThree, b);
      }
    });
  }

  /** DLE EOT n (10 04 n) is answered at once, like the real-time commands of a real printer. */
  #watchStatusRequest(send: (reply: Uint8Array) => void, lastThree: number[], b: number): void {
    lastThree.push(b);
    if (lastThree.length > 3) lastThree.shift();
    const [a, c, n] = lastThree;
    if (lastThree.length === 3 && a === 0x10 && c === 0x04) {
      const reply = this.#statusByte(n);
      if (reply !== undefined) send(Uint8Array.of(reply));
      lastThree.length = 0;
    }
  }

  #statusByte(n: number): number | undefined {
    const offline = this.#paperOut || this.#coverOpen;
    switch (n) {
      case 1: // bit3 offline
        return 0b0001_0010 | (offline ? 0b0000_1000 : 0);
      case 2: // bit2 cover open, bit5 stopped by paper end
        return 0b0001_0010 | (this.#coverOpen ? 0b0000_0100 : 0) | (this.#paperOut ? 0b0010_0000 : 0);
      case 3: // no cutter or unrecoverable errors
        return 0b0001_0010;
      case 4: // bits2-3 near end, bits5-6 paper end
        return (
          0b0001_0010 | (this.#paperNearEnd || this.#paperOut ? 0b0000_1100 : 0) | (this.#paperOut ? 0b0110_0000 : 0)
        );
      default:
        return undefined;
    }
  }
}
