import { Gauge, type Registry } from 'prom-client';
import type { UplinkStatus } from '../../contracts/uplink/uplink-status.schema.ts';

/** Uplink gauges on the box's /metrics registry, read from the status when scraped. */
export function registerUplinkMetrics(registry: Registry, status: () => UplinkStatus): void {
  const gauge = (name: string, help: string, read: (s: UplinkStatus) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read(status()));
      },
    });
  gauge('storebox_uplink_connected', '1 when connected to the HQ broker', (s) => (s.connected ? 1 : 0));
  gauge('storebox_uplink_acked_seq', 'highest outbox seq HQ acknowledged', (s) => s.ackedSeq);
  gauge('storebox_uplink_last_seq', 'highest outbox seq written', (s) => s.lastSeq);
  gauge('storebox_uplink_backlog_rows', 'outbox rows HQ has not acknowledged', (s) => s.backlog);
  gauge('storebox_uplink_rows_sent', 'outbox rows sent since start (resends included)', (s) => s.rowsSent);
  gauge('storebox_uplink_ack_timeouts', 'times the box sent again after no ack came in time', (s) => s.ackTimeouts);
}
