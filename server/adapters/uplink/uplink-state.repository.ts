import type { AckState, UplinkAckState } from '../../app/ports/uplink-ack-state.port.ts';
import type { Db } from '../sqlite/database.ts';

export type { AckState } from '../../app/ports/uplink-ack-state.port.ts';

/** How far HQ has acknowledged the outbox (migration 0009, one row). Writes run in the caller's transaction. */
export class UplinkStateRepository implements UplinkAckState {
  private readonly getStmt;
  private readonly setStmt;
  constructor(db: Db) {
    this.getStmt = db.prepare('SELECT acked_seq AS seq, acked_at AS at FROM uplink_state WHERE id = 1');
    // never backwards: an old ack arriving late changes nothing
    this.setStmt = db.prepare('UPDATE uplink_state SET acked_seq = ?, acked_at = ? WHERE id = 1 AND acked_seq < ?');
  }

  get(): AckState {
    return (this.getStmt.get() as AckState | undefined) ?? { seq: 0, at: null };
  }

  advance(seq: number, at: string): boolean {
    return this.setStmt.run(seq, at, seq).changes === 1;
  }
}
