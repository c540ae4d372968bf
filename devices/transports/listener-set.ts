/** A small typed listener list: drivers and transports emit to it; a throwing listener cannot break the emitter. */
export class ListenerSet<T extends unknown[]> {
  #listeners = new Set<(...args: T) => void>();
  #onListenerError: (error: unknown) => void;

  constructor(onListenerError: (error: unknown) => void = () => {}) {
    this.#onListenerError = onListenerError;
  }

  add(listener: (...args: T) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(...args: T): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(...args);
      } catch (error) {
        // STYLE.md habit 6: one failing consumer never takes the driver down.
        this.#onListenerError(error);
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}
