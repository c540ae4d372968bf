import { Type, type Static } from '@sinclair/typebox';

/** The outbox topic (fact kind) that carries each audit anchor the box makes to HQ (docs/audit.md). */
export const AUDIT_ANCHOR_TOPIC = 'audit.anchor';

/**
 * An audit chain anchor: the audit log had `count` rows and row `count`'s hash was `headHash` at `at`
 * (count 0: the genesis hash, 64 zeros). The payload of `audit.anchor` outbox rows and the content
 * of a backup's sidecar file `<backup>.anchor.json`.
 */
export const AuditAnchorSchema = Type.Object(
  {
    at: Type.String({ minLength: 1, description: 'ISO 8601, when the anchor was taken' }),
    count: Type.Integer({ minimum: 0, description: 'rows in the audit log (its last seq)' }),
    headHash: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 hex of row `count`' }),
  },
  { additionalProperties: true },
);
export type AuditAnchorPayload = Static<typeof AuditAnchorSchema>;
