import type { AuditAnchor } from './audit-log.port.ts';

/** Where an anchor was made: by the running box (start, hourly, stop) or by `storebox backup`. */
export type AuditAnchorSource = 'box' | 'backup';

/** The audit chain's anchors the box keeps (append-only); HQ holds copies through the outbox. */
export interface AuditAnchorStore {
  record(anchor: AuditAnchor, source: AuditAnchorSource): void;
  latest(): AuditAnchor | undefined;
  /** Every anchor the box holds, its own and those it sent to HQ. */
  all(): AuditAnchor[];
}
