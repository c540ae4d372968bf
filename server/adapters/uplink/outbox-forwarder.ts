import type { Logger } from 'pino';
import type { StoredOutboxRow } from '../../app/ports/outbox.port.ts';
import { recordHqAck, type HqAckDeps } from '../../app/uplink/record-hq-ack.ts';

export type ForwarderOptions = {
  storeId: string;
  batchTopic: string;
  batchRows: number;
  batchBytes: number;
  maxInFlightBatches: number;
  ackTimeoutMs: number;
  /** acks are written at most this often (each write is a durable commit); a lost one only means a resend */
  ackFlushMs: number;
  ackFlushRows: number;
  /** the drain's ceiling: the lanes' box is not HQ's bulk loader */
  maxRowsPerSecond: number;
  ack: HqAckDeps;
  /** QoS 1 publish; false when not connected */
  publish(topic: string, payload: string): boolean;
  /** monotonic milliseconds (performance.now) for the ack timeout */
  monotonicMs(): number;
  /** wall-clock ISO time stamped on acknowledged rows */
  nowIso(): string;
  log: Logger;
};

export type ForwarderCounters = { batchesSent: number; rowsSent: number; ackTimeouts: number };

/**
 * Drains the outbox to HQ in batches. Memory stays bounded however long the box was offline: at
 * most `maxInFlightBatches` batches are unacknowledged, and each is read from SQLite (`batchRows`
 * rows after the cursor, by primary key) only when it is about to be sent.
 *
 * HQ acks cumulatively; the cursor goes back to the last acked seq on reconnect, when no ack
 * progress came within `ackTimeoutMs`, or when HQ asks for a resend — HQ dedupes by (storeId, seq).
 *
 * The lanes come first: all work (sending a batch, or writing acks `ackFlushRows` rows at a time)
 * runs one unit per step, and after a step the forwarder rests twice as long as the step took (and
 * long enough to stay under `maxRowsPerSecond`), so a drain takes at most about a third of the
 * event loop and never holds it for more than one small unit.
 */
export class OutboxForwarder {
  private readonly o: ForwarderOptions;
  /** last seq sent on this connection */
  private cursor = 0;
  /** the highest seq ever sent by this process: an ack beyond it is not believed */
  private maxSent = 0;
  /** toSeq of each batch sent and not yet covered by an ack */
  private inFlight: number[] = [];
  private lastProgress = 0;
  /** HQ's latest ack as believed, and the one written to the database */
  private hqAcked: number;
  private storedAck: number;
  private lastFlush = 0;
  private online = false;
  private closed = false;
  private scheduled: NodeJS.Immediate | NodeJS.Timeout | undefined;
  readonly counters: ForwarderCounters = { batchesSent: 0, rowsSent: 0, ackTimeouts: 0 };

  constructor(options: ForwarderOptions) {
    this.o = options;
    this.hqAcked = this.storedAck = options.ack.state.get().seq;
  }

  ackedSeq(): number {
    return this.hqAcked;
  }

  connected(): void {
    this.online = true;
    this.rewind(this.hqAcked);
    this.maxSent = Math.max(this.maxSent, this.cursor);
    this.pump();
  }

  disconnected(): void {
    this.online = false;
    this.inFlight = [];
  }

  /** HQ holds everything up to `seq`. */
  acked(seq: number): void {
    const believed = Math.min(seq, this.maxSent);
    if (believed < seq)
      this.o.log.warn({ ackSeq: seq, maxSent: this.maxSent }, 'uplink ack beyond what was sent; clamped');
    if (believed > this.hqAcked) this.hqAcked = believed;
    const before = this.inFlight.length;
    this.inFlight = this.inFlight.filter((toSeq) => toSeq > believed);
    if (this.inFlight.length < before) this.lastProgress = this.o.monotonicMs();
    this.pump();
  }

  /** HQ asks for everything from `fromSeq` again, acknowledged or not. */
  resendFrom(fromSeq: number): void {
    if (fromSeq - 1 < this.cursor) this.rewind(fromSeq - 1);
    this.pump();
  }

  /** Called every `intervalMs`: picks up new outbox rows, and sends again when acks stopped coming. */
  tick(): void {
    if (this.online && this.inFlight.length > 0 && this.o.monotonicMs() - this.lastProgress > this.o.ackTimeoutMs) {
      this.counters.ackTimeouts++;
      this.o.log.warn(
        { ackedSeq: this.hqAcked, cursor: this.cursor },
        'uplink: no ack in time, sending again from the last acked seq',
      );
      this.rewind(this.hqAcked);
    }
    this.pump();
  }

  /** At shutdown: stops, and writes every ack taken (the database closes next). */
  close(): void {
    this.closed = true;
    this.disconnected();
    clearImmediate(this.scheduled as NodeJS.Immediate);
    clearTimeout(this.scheduled as NodeJS.Timeout);
    this.scheduled = undefined;
    while (this.storedAck < this.hqAcked) this.flushAck();
  }

  private rewind(seq: number): void {
    this.cursor = seq;
    this.inFlight = [];
    this.lastProgress = this.o.monotonicMs();
  }

  private pump(restMs = 0): void {
    if (this.scheduled || this.closed) return;
    const run = () => {
      this.scheduled = undefined;
      try {
        const started = this.o.monotonicMs();
        const sent = this.counters.rowsSent;
        if (this.step()) {
          const took = this.o.monotonicMs() - started;
          // rest twice as long as the step took, and long enough to keep within maxRowsPerSecond
          this.pump(Math.max(2 * took, ((this.counters.rowsSent - sent) * 1000) / this.o.maxRowsPerSecond - took));
        }
      } catch (e) {
        // a database error must not kill the process; the next tick tries again
        this.o.log.error({ err: e }, 'uplink step failed');
      }
    };
    this.scheduled = restMs >= 1 ? setTimeout(run, restMs) : setImmediate(run);
  }

  /**
   * One unit of work; true when there may be more. Acks are written every `ackFlushMs` while
   * batches flow (one durable commit per interval, not per batch), and whenever there is nothing to send.
   */
  private step(): boolean {
    const unwritten = this.hqAcked > this.storedAck;
    if (unwritten && this.o.monotonicMs() - this.lastFlush >= this.o.ackFlushMs) return this.flushAck();
    if (this.sendOne()) return true;
    return unwritten && this.flushAck();
  }

  /** Writes HQ's ack for up to `ackFlushRows` rows (rows and state in one transaction). */
  private flushAck(): true {
    this.lastFlush = this.o.monotonicMs();
    const upTo = Math.min(this.hqAcked, this.storedAck + this.o.ackFlushRows);
    recordHqAck(this.o.ack, upTo, this.o.nowIso());
    this.storedAck = upTo;
    return true;
  }

  /** Sends the next batch if connected and the window allows; true when one was sent. */
  private sendOne(): boolean {
    if (!this.online || this.inFlight.length >= this.o.maxInFlightBatches) return false;
    const rows = this.o.ack.outbox.rowsAfter(this.cursor, this.o.batchRows);
    if (rows.length === 0) return false;
    const { json, toSeq, count } = encodeBatch(this.o.storeId, this.cursor + 1, rows, this.o.batchBytes);
    if (!this.o.publish(this.o.batchTopic, json)) return false;
    if (this.inFlight.length === 0) this.lastProgress = this.o.monotonicMs();
    this.inFlight.push(toSeq);
    this.cursor = toSeq;
    this.maxSent = Math.max(this.maxSent, toSeq);
    this.counters.batchesSent++;
    this.counters.rowsSent += count;
    return true;
  }
}

/**
 * The batch message as text (UplinkBatchSchema). Stored payloads are already JSON, so they are
 * spliced in as they are rather than parsed and re-encoded. Rows are added while the message stays
 * within `maxBytes`; the first row always goes, however big, or the drain would stall on it.
 */
export function encodeBatch(
  storeId: string,
  fromSeq: number,
  rows: readonly StoredOutboxRow[],
  maxBytes: number,
): { json: string; toSeq: number; count: number } {
  const head = `{"storeId":${JSON.stringify(storeId)},"fromSeq":${fromSeq},"toSeq":`;
  let bytes = head.length + 32;
  const parts: string[] = [];
  let toSeq = fromSeq;
  for (const r of rows) {
    const part = `{"seq":${r.seq},"topic":${JSON.stringify(r.topic)},"payload":${r.payload},"createdAt":${JSON.stringify(r.createdAt)}}`;
    const size = Buffer.byteLength(part) + 1;
    if (parts.length > 0 && bytes + size > maxBytes) break;
    parts.push(part);
    bytes += size;
    toSeq = r.seq;
  }
  return { json: `${head}${toSeq},"rows":[${parts.join(',')}]}`, toSeq, count: parts.length };
}
