import type { Logger } from 'pino';
import type { OutboxRepository, StoredOutboxRow } from '../sqlite/outbox.repository.ts';
import { recordHqAck, type HqAckDeps } from '../../app/uplink/record-hq-ack.ts';
import type { UplinkStateRepository } from './uplink-state.repository.ts';

export type ForwarderOptions = {
  storeId: string;
  batchTopic: string;
  batchRows: number;
  batchBytes: number;
  maxInFlightBatches: number;
  ackTimeoutMs: number;
  ack: HqAckDeps & { state: UplinkStateRepository; outbox: OutboxRepository };
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
 * rows after the cursor, by primary key) only when it is about to be sent. One batch per turn of
 * the event loop (setImmediate), so lanes' scans interleave with a drain.
 *
 * HQ acks cumulatively; the cursor goes back to the last acked seq on reconnect, when no ack
 * progress came within `ackTimeoutMs`, or when HQ asks for a resend — HQ dedupes by (storeId, seq).
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
  private online = false;
  private scheduled: NodeJS.Immediate | undefined;
  readonly counters: ForwarderCounters = { batchesSent: 0, rowsSent: 0, ackTimeouts: 0 };

  constructor(options: ForwarderOptions) {
    this.o = options;
  }

  ackedSeq(): number {
    return this.o.ack.state.get().seq;
  }

  connected(): void {
    this.online = true;
    this.rewind(this.ackedSeq());
    this.maxSent = Math.max(this.maxSent, this.cursor);
    this.pump();
  }

  disconnected(): void {
    this.online = false;
    this.inFlight = [];
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
  }

  /** HQ holds everything up to `seq`. */
  acked(seq: number): void {
    const believed = Math.min(seq, this.maxSent);
    if (believed < seq) this.o.log.warn({ ackSeq: seq, maxSent: this.maxSent }, 'uplink ack beyond what was sent; clamped');
    recordHqAck(this.o.ack, believed, this.o.nowIso());
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
    if (!this.online) return;
    if (this.inFlight.length > 0 && this.o.monotonicMs() - this.lastProgress > this.o.ackTimeoutMs) {
      this.counters.ackTimeouts++;
      this.o.log.warn({ ackedSeq: this.ackedSeq(), cursor: this.cursor }, 'uplink: no ack in time, sending again from the last acked seq');
      this.rewind(this.ackedSeq());
    }
    this.pump();
  }

  private rewind(seq: number): void {
    this.cursor = seq;
    this.inFlight = [];
    this.lastProgress = this.o.monotonicMs();
  }

  private pump(): void {
    if (this.scheduled || !this.online) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = undefined;
      try {
        if (this.sendOne()) this.pump();
      } catch (e) {
        // a database error must not kill the process; the next tick tries again
        this.o.log.error({ err: e }, 'uplink batch failed');
      }
    });
  }

  /** Sends the next batch if the window allows; true when another may follow at once. */
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
export function encodeBatch(storeId: string, fromSeq: number, rows: readonly StoredOutboxRow[], maxBytes: number): { json: string; toSeq: number; count: number } {
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
