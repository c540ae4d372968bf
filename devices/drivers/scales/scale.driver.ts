import { err, ok } from '../../../server/core/result.ts';
import type { Result } from '../../../server/core/result.ts';
import type { ByteTransport } from '../../transports/byte-transport.ts';
import { ListenerSet } from '../../transports/listener-set.ts';
import type { ScaleProtocol } from './scale-protocols.ts';
import { sameReading } from './scale-reading.ts';
import type { ScaleCommand, ScaleMessage, ScaleReading } from './scale-reading.ts';

export type ScaleDriverOptions = {
  readonly transport: ByteTransport;
  readonly protocol: ScaleProtocol;
  readonly pollIntervalMs?: number;
  /** false: only explicit read()/zero()/tare() requests (a lane that asks for a weight on demand) */
  readonly polling?: boolean;
  /** each request waits at most this long for its answer (probing is time-bounded) */
  readonly responseTimeoutMs?: number;
  /** after this many unanswered polls in a row the scale counts as offline */
  readonly missesBeforeOffline?: number;
  /** garbage and partial frames are reported here (for the device log) and otherwise ignored */
  readonly onGarbage?: (text: string) => void;
  /** a weight/online listener threw: log it with the device name (STYLE.md habit 6) */
  readonly onListenerError?: (error: unknown) => void;
};

export type ScaleCommandError = 'SCALE_COMMAND_REJECTED' | 'DEVICE_NOT_RESPONDING';

/**
 * Polls a serial scale and emits a weight event only when the reading changes (Odoo's IoT serial
 * scale driver does the same). Polls and commands take turns on the line, one request at a time.
 */
export class ScaleDriver {
  #o: Required<Omit<ScaleDriverOptions, 'onGarbage' | 'onListenerError'>> & Pick<ScaleDriverOptions, 'onGarbage'>;
  #weight: ListenerSet<[ScaleReading]>;
  #online: ListenerSet<[boolean]>;
  #last: ScaleReading | undefined;
  #isOnline: boolean | undefined;
  #misses = 0;
  #parse: (chunk: Uint8Array) => ScaleMessage[];
  #waiter: ((m: ScaleMessage) => boolean) | undefined;
  #turn: Promise<unknown> = Promise.resolve();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running = false;
  #unsubscribe: (() => void) | undefined;

  constructor(options: ScaleDriverOptions) {
    this.#o = { pollIntervalMs: 200, polling: true, responseTimeoutMs: 500, missesBeforeOffline: 3, ...options };
    this.#parse = options.protocol.createParser();
    this.#weight = new ListenerSet(options.onListenerError);
    this.#online = new ListenerSet(options.onListenerError);
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#unsubscribe = this.#o.transport.onData((chunk) => this.#receive(chunk));
    if (this.#o.polling) this.#schedule(0);
  }

  /** Stops polling; the transport stays open (its owner closes it). Safe to call twice. */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#turn;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  onWeight(listener: (reading: ScaleReading) => void): () => void {
    return this.#weight.add(listener);
  }

  /** true/false when the scale starts or stops answering; emitted only on change. */
  onOnline(listener: (online: boolean) => void): () => void {
    return this.#online.add(listener);
  }

  lastReading(): ScaleReading | undefined {
    return this.#last;
  }

  /** One request now, outside the polling rhythm: the current reading, or undefined on timeout. */
  read(): Promise<ScaleReading | undefined> {
    return this.#take(async () => {
      const m = await this.#request(this.#o.protocol.poll, (x) => x.kind === 'reading');
      if (m?.kind !== 'reading') return undefined;
      this.#accept(m.reading);
      return m.reading;
    });
  }

  zero(): Promise<Result<void, ScaleCommandError>> {
    return this.#command('zero');
  }

  tare(): Promise<Result<void, ScaleCommandError>> {
    return this.#command('tare');
  }

  clearTare(): Promise<Result<void, ScaleCommandError>> {
    return this.#command('clear-tare');
  }

  #command(command: ScaleCommand): Promise<Result<void, ScaleCommandError>> {
    const p = this.#o.protocol;
    return this.#take(async () => {
      if (!p.acknowledgesCommands) {
        await this.#o.transport.write(p.commands[command]);
        return ok(undefined);
      }
      const m = await this.#request(p.commands[command], (x) => x.kind === 'ack' || x.kind === 'rejected');
      if (m === undefined) return err('DEVICE_NOT_RESPONDING', undefined, { device: p.name });
      if (m.kind === 'ack' && m.command === command) return ok(undefined);
      return err('SCALE_COMMAND_REJECTED', undefined, { command });
    });
  }

  #schedule(delayMs: number): void {
    if (!this.#running) return;
    this.#timer = setTimeout(() => {
      void this.#take(() => this.#poll()).then(() => this.#schedule(this.#o.pollIntervalMs));
    }, delayMs);
  }

  async #poll(): Promise<void> {
    if (!this.#running) return;
    const m = await this.#request(this.#o.protocol.poll, (x) => x.kind === 'reading');
    if (m?.kind === 'reading') {
      this.#misses = 0;
      this.#setOnline(true);
      this.#accept(m.reading);
    } else if (++this.#misses >= this.#o.missesBeforeOffline) {
      this.#setOnline(false);
    }
  }

  #accept(reading: ScaleReading): void {
    if (sameReading(this.#last, reading)) return;
    this.#last = reading;
    this.#weight.emit(reading);
  }

  #setOnline(online: boolean): void {
    if (this.#isOnline === online) return;
    this.#isOnline = online;
    // the last reading died with the line: when the scale answers again, its first reading is news
    // even if it equals the old one (the box dropped the old weight when the scale went offline)
    if (!online) this.#last = undefined;
    this.#online.emit(online);
  }

  /** Runs `work` when the line is free: one outstanding request at a time. */
  #take<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#turn.then(work);
    this.#turn = run.catch(() => undefined);
    return run;
  }

  #request(bytes: Uint8Array, wanted: (m: ScaleMessage) => boolean): Promise<ScaleMessage | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiter = undefined;
        resolve(undefined);
      }, this.#o.responseTimeoutMs);
      this.#waiter = (m) => {
        if (!wanted(m)) return false;
        clearTimeout(timer);
        this.#waiter = undefined;
        resolve(m);
        return true;
      };
      this.#o.transport.write(bytes).catch(() => {
        // a failed write is a missed answer; the timer settles the request
      });
    });
  }

  #receive(chunk: Uint8Array): void {
    for (const m of this.#parse(chunk)) {
      if (m.kind === 'garbage') {
        this.#o.onGarbage?.(m.text);
        continue;
      }
      if (this.#waiter?.(m)) continue;
      // an unsolicited reading (a scale in continuous mode) still counts
      if (m.kind === 'reading') this.#accept(m.reading);
    }
  }
}
