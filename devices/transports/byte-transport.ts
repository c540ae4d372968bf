/**
 * The seam between a driver and the wire (STYLE.md habit 11): drivers only write bytes, listen for
 * bytes and close. Serial ports, TCP sockets and the scripted test transport all implement it.
 */
export type ByteListener = (chunk: Uint8Array) => void;
export type CloseListener = (error?: Error) => void;

export type ByteTransport = {
  /** Resolves once the bytes are handed to the OS (serial drain / socket write callback). */
  write(bytes: Uint8Array): Promise<void>;
  /** Returns an unsubscribe function. */
  onData(listener: ByteListener): () => void;
  /** Called once when the peer or the OS closes the link (not when close() is called). */
  onClose(listener: CloseListener): () => void;
  /** Idempotent. */
  close(): Promise<void>;
};
