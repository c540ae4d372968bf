import type { ByteListener, ByteTransport, CloseListener } from '../transports/byte-transport.ts';

/**
 * An in-memory ByteTransport for fast driver tests (STYLE.md habit 11): records every write and
 * answers through a responder script, or through `push()` from the test.
 */
export class ScriptedTransport implements ByteTransport {
  readonly written: Uint8Array[] = [];
  #responder: (bytes: Uint8Array) => Uint8Array | undefined;
  #data = new Set<ByteListener>();
  #closedListeners = new Set<CloseListener>();
  closed = false;

  constructor(responder: (bytes: Uint8Array) => Uint8Array | undefined = () => undefined) {
    this.#responder = responder;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.closed) throw new Error('transport closed');
    this.written.push(bytes.slice());
    const reply = this.#responder(bytes);
    if (reply) queueMicrotask(() => this.push(reply));
  }

  push(bytes: Uint8Array | string): void {
    const chunk = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
    for (const listener of [...this.#data]) listener(chunk);
  }

  /** Simulates the peer going away. */
  drop(error?: Error): void {
    this.closed = true;
    for (const listener of [...this.#closedListeners]) listener(error);
  }

  writtenText(): string {
    return this.written.map((b) => new TextDecoder('latin1').decode(b)).join('');
  }

  onData(listener: ByteListener): () => void {
    this.#data.add(listener);
    return () => this.#data.delete(listener);
  }

  onClose(listener: CloseListener): () => void {
    this.#closedListeners.add(listener);
    return () => this.#closedListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.#data.clear();
  }
}
