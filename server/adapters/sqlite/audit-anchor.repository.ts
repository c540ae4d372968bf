import type { AuditAnchorSource, AuditAnchorStore } from '../../app/ports/audit-anchor-store.port.ts';
import { Value } from '@sinclair/typebox/value';
import { AUDIT_ANCHOR_TOPIC, AuditAnchorSchema } from '../../contracts/uplink/audit-anchor.schema.ts';
import type { AuditAnchor } from '../../app/ports/audit-log.port.ts';
import type { Db } from './database.ts';

export type { AuditAnchorSource } from '../../app/ports/audit-anchor-store.port.ts';

/** The audit chain's anchors kept in the database (migrations/0014_audit_anchors.sql); append-only. */
export class AuditAnchorRepository implements AuditAnchorStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  record(anchor: AuditAnchor, source: AuditAnchorSource): void {
    this.db
      .prepare('INSERT INTO audit_anchor (at, count, head_hash, source) VALUES (?, ?, ?, ?)')
      .run(anchor.at, anchor.count, anchor.headHash, source);
  }

  latest(): AuditAnchor | undefined {
    return this.db
      .prepare('SELECT at, count, head_hash AS headHash FROM audit_anchor ORDER BY id DESC LIMIT 1')
      .get() as AuditAnchor | undefined;
  }

  /** Every anchor the database holds: its own table and the `audit.anchor` rows of the outbox. */
  all(): AuditAnchor[] {
    const own = this.db
      .prepare('SELECT at, count, head_hash AS headHash FROM audit_anchor ORDER BY id')
      .all() as AuditAnchor[];
    const sent = (
      this.db
        .prepare('SELECT payload FROM outbox WHERE topic = ? ORDER BY seq')
        .pluck()
        .all(AUDIT_ANCHOR_TOPIC) as string[]
    )
      .map((p) => parseAnchor(p))
      .filter((a): a is AuditAnchor => a !== undefined);
    return [...own, ...sent];
  }
}

/** An anchor from JSON text (an outbox payload or a backup's sidecar file); undefined when it is not one. */
export function parseAnchor(text: string): AuditAnchor | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Value.Check(AuditAnchorSchema, v)) return undefined;
  return { at: v.at, count: v.count, headHash: v.headHash };
}
