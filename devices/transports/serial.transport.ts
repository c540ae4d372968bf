import { SerialPort } from 'serialport';
import { err, ok } from '../../server/core/result.ts';
import type { Result } from '../../server/core/result.ts';
import type { ByteListener, ByteTransport, CloseListener } from './byte-transport.ts';
import { ListenerSet } from './listener-set.ts';
import type { SerialSettings } from './serial-settings.ts';

export type SerialTransportOptions = SerialSettings & { readonly path: string };

/** Opens a serial port (serialport 13) as a ByteTransport. A missing or busy port is an expected outcome. */
export async function openSerialTransport(
  options: SerialTransportOptions,
): Promise<Result<ByteTransport, 'DEVICE_UNREACHABLE'>> {
  const port = new SerialPort({
    path: options.path,
    baudRate: options.baudRate,
    dataBits: options.dataBits,
    parity: options.parity,
    stopBits: options.stopBits,
    autoOpen: false,
  });
  const opened = await new Promise<Error | null>((resolve) => port.open((error) => resolve(error ?? null)));
  if (opened) return err('DEVICE_UNREACHABLE', 'path', { device: options.path, reason: opened.message });
  return ok(new SerialTransport(port));
}

class SerialTransport implements ByteTransport {
  #port: SerialPort;
  #data = new ListenerSet<[Uint8Array]>();
  #closed = new ListenerSet<[Error | undefined]>();
  #closing = false;

  constructor(port: SerialPort) {
    this.#port = port;
    port.on('data', (chunk: Buffer) => this.#data.emit(new Uint8Array(chunk)));
    port.on('close', (error?: Error) => {
      if (!this.#closing) this.#closed.emit(error);
    });
    // Errors after open surface as 'close' or as a failed write; an unhandled 'error' would crash the process.
    port.on('error', () => {});
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#port.write(Buffer.from(bytes), (error) => {
        if (error) return reject(error);
        this.#port.drain((drainError) => (drainError ? reject(drainError) : resolve()));
      });
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
      if (!this.#port.isOpen) return resolve();
      this.#port.close(() => resolve());
    });
  }
}
