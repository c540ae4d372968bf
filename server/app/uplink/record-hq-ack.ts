import type { OutboxRepository } from '../../adapters/sqlite/outbox.repository.ts';
import type { Db } from '../../adapters/sqlite/database.ts';
import type { UplinkStateRepository } from '../../adapters/uplink/uplink-state.repository.ts';

export type HqAckDeps = { db: Db; outbox: OutboxRepository; state: UplinkStateRepository };

/**
 * HQ holds every row up to `seq`: the rows and the uplink state move together in one transaction.
 * An ack at or below the stored one changes nothing. Returns the acked seq after the call.
 */
export function recordHqAck(deps: HqAckDeps, seq: number, at: string): number {
  return deps.db
    .transaction(() => {
      const current = deps.state.get().seq;
      if (seq <= current) return current;
      deps.outbox.markAcked(seq, at);
      deps.state.advance(seq, at);
      return seq;
    })
    .immediate();
}
