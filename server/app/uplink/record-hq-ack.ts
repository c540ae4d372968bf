import type { Outbox } from '../ports/outbox.port.ts';
import type { Transactions } from '../ports/transactions.port.ts';
import type { UplinkAckState } from '../ports/uplink-ack-state.port.ts';

export type HqAckDeps = { tx: Transactions; outbox: Outbox; state: UplinkAckState };

/**
 * HQ holds every row up to `seq`: the rows and the uplink state move together in one transaction.
 * An ack at or below the stored one changes nothing. Returns the acked seq after the call.
 */
export function recordHqAck(deps: HqAckDeps, seq: number, at: string): number {
  return deps.tx.run(() => {
    const current = deps.state.get().seq;
    if (seq <= current) return current;
    deps.outbox.markAcked(seq, at);
    deps.state.advance(seq, at);
    return seq;
  });
}
