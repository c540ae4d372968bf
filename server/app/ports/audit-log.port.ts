export type AuditEntry = {
  at: string;
  actor: string;
  action: string;
  subject?: string;
  detail?: Record<string, unknown>;
};

/** A row of the chain as listed: the entry, its place and its hashes. */
export type AuditLogRow = {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  detail: unknown;
  prev_hash: string;
  hash: string;
};

/** The chain's length and head hash at a moment, kept outside the log (docs/audit.md). */
export type AuditAnchor = { at: string; count: number; headHash: string };

export type AuditVerdict =
  { ok: true; rows: number } | { ok: false; rows: number; firstBadSeq: number; reason: string };

/**
 * The append-only, hash-chained audit log. Append inside the caller's transaction so the audited
 * change and its record commit together.
 */
export interface AuditLog {
  /** Returns the entry's sequence number. */
  append(entry: AuditEntry): number;
  list(limit?: number, beforeSeq?: number): AuditLogRow[];
  /** The anchor for the chain as it is now. */
  head(at: string): AuditAnchor;
  /** Walks the chain and checks it against the anchors; names the first row that was changed. */
  verify(anchors?: readonly AuditAnchor[]): AuditVerdict;
}
