import { Socket } from 'node:net';
import { err, ok } from '../../server/core/result.ts';
import type { Result } from '../../server/core/result.ts';
import type { ByteListener, ByteTransport, CloseListener } from './byte-transport.ts';
import { ListenerSet } from './listener-set.ts';

export type TcpTransportOptions = {
  readonly host: string;
  /** ESC/POS network printers listen on raw port 9100 ("JetDirect", _pdl-datastream._tcp). */
  readonly port: number;
  /** Probing is time-bounded (STYLE.md habit 9). */
  readonly connectTimeoutMs: number;
};

/** Connects a TCP socket as a ByteTransport; refused, unreachable or too slow is an expected outcome. */
export function openTcpTransport(options: TcpTransportOptions): Promise<Result<ByteTransport, 'DEVICE_UNREACHABLE'>> {
  const device = `${options.host}:${options.port}`;
  return new Promise((resolve) => {
    const socket = new Socket();
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(
        err('DEVICE_UNREACHABLE', 'host', { device, reason: `no connection within ${options.connectTimeoutMs} ms` }),
      );
    }, options.connectTimeoutMs);
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(err('DEVICE_UNREACHABLE', 'host', { device, reason: error.message }));
    });
    socket.connect(options.port, options.host, () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.setNoDelay(true);
      resolve(ok(new TcpTransport(socket)));
    });
  });
}

class TcpTransport implements ByteTransport {
  #socket: Socket;
  #data = new ListenerSet<[Uint8Array]>();
  #closed = new ListenerSet<[Error | undefined]>();
  #closing = false;
  #lastError: Error | undefined;

  constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => this.#data.emit(new Uint8Array(chunk)));
    socket.on('error', (error) => {
      this.#lastError = error;
    });
    socket.on('close', () => {
      if (!this.#closing) this.#closed.emit(this.#lastError);
    });
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.#socket.destroyed) return reject(new Error('socket closed'));
      this.#socket.write(bytes, (error) => (error ? reject(error) : resolve()));
    });
  }

  onData(listener: ByteListener): () => void {
    return this.#data.add(listener);
  }

  onClose(listener: CloseListener): () => void {
    return this.#closed.add(listener);
  }

  close(): Promise<void> {
    if (this.#closing) return Promise.resolve();
    this.#closing = true;
    this.#data.clear();
    return new Promise((resolve) => {
      if (this.#socket.destroyed) return resolve();
      this.#socket.once('close', () => resolve());
      this.#socket.end();
      // A peer that never acknowledges the FIN must not hold close() open.
      setTimeout(() => this.#socket.destroy(), 200).unref();
    });
  }
}
