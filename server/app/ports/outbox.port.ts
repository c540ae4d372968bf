/** An outbox row as stored: `payload` is the JSON text, forwarded to HQ without re-encoding. */
export type StoredOutboxRow = { seq: number; topic: string; payload: string; createdAt: string };

/** Facts for HQ, appended in the same transaction as the fact itself (the uplink drains them). */
export interface Outbox {
  /** Returns the row's seq. */
  append(topic: string, payload: unknown, at: string): number;
  /** Up to `limit` rows after `seq` in seq order, acknowledged or not. */
  rowsAfter(seq: number, limit: number): StoredOutboxRow[];
  /** Marks every row up to `seq` acknowledged, inside the transaction that records the ack. Returns rows changed. */
  markAcked(seq: number, at: string): number;
  lastSeq(): number;
  /** Rows after `seq` (the backlog after HQ's ack). */
  countAfter(seq: number): number;
}
