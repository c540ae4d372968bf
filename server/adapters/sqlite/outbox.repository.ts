import type { Outbox, StoredOutboxRow } from '../../app/ports/outbox.port.ts';
import type { Db } from './database.ts';

export type { StoredOutboxRow } from '../../app/ports/outbox.port.ts';

/** Facts for HQ, appended in the same transaction as the fact itself (the uplink drains them). */
export class OutboxRepository implements Outbox {
  private readonly insertStmt;
  private readonly afterStmt;
  private readonly ackStmt;
  private readonly lastSeqStmt;
  private readonly countAfterStmt;
  constructor(db: Db) {
    this.insertStmt = db.prepare('INSERT INTO outbox (topic, payload, created_at) VALUES (?, ?, ?)');
    this.afterStmt = db.prepare(
      'SELECT seq, topic, payload, created_at AS createdAt FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?',
    );
    // the partial index outbox_unacked keeps this to the rows being acknowledged
    this.ackStmt = db.prepare('UPDATE outbox SET acked_at = ? WHERE seq <= ? AND acked_at IS NULL');
    this.lastSeqStmt = db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM outbox').pluck();
    this.countAfterStmt = db.prepare('SELECT count(*) FROM outbox WHERE seq > ?').pluck();
  }

  append(topic: string, payload: unknown, at: string): number {
    return Number(this.insertStmt.run(topic, JSON.stringify(payload), at).lastInsertRowid);
  }

  /** Up to `limit` rows after `seq` in seq order, acknowledged or not (a resend reads acknowledged ones). */
  rowsAfter(seq: number, limit: number): StoredOutboxRow[] {
    return this.afterStmt.all(seq, limit) as StoredOutboxRow[];
  }

  /** Marks every row up to `seq` acknowledged; call inside the transaction that records the ack. Returns rows changed. */
  markAcked(seq: number, at: string): number {
    return this.ackStmt.run(at, seq).changes;
  }

  lastSeq(): number {
    return this.lastSeqStmt.get() as number;
  }

  /** Rows after `seq` (the backlog after HQ's ack). */
  countAfter(seq: number): number {
    return this.countAfterStmt.get(seq) as number;
  }
}
