import { sha256Hex } from '../crypto/token.ts';
import type { Db } from './database.ts';

export type AuditEntry = {
  at: string;
  actor: string;
  action: string;
  subject?: string;
  detail?: Record<string, unknown>;
};

type Row = {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  detail: string;
  prev_hash: string;
  hash: string;
};

export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 over the previous hash and this row's content, in a fixed field order. */
function rowHash(prevHash: string, row: Omit<Row, 'prev_hash' | 'hash'>): string {
  return sha256Hex(JSON.stringify([prevHash, row.seq, row.at, row.actor, row.action, row.subject, row.detail]));
}

export type AuditVerdict =
  { ok: true; rows: number } | { ok: false; rows: number; firstBadSeq: number; reason: string };

/**
 * The append-only, hash-chained audit log. Append inside the caller's transaction so the
 * audited change and its record commit together.
 */
export class AuditLogRepository {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  append(entry: AuditEntry): number {
    const last = this.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined;
    const row = {
      seq: (last?.seq ?? 0) + 1,
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject ?? '',
      detail: JSON.stringify(entry.detail ?? {}),
    };
    const prev = last?.hash ?? GENESIS_HASH;
    this.db
      .prepare(
        'INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(row.seq, row.at, row.actor, row.action, row.subject, row.detail, prev, rowHash(prev, row));
    return row.seq;
  }

  list(limit = 100, beforeSeq?: number): Array<Omit<Row, 'detail'> & { detail: unknown }> {
    const rows = this.db
      .prepare('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?')
      .all(beforeSeq ?? Number.MAX_SAFE_INTEGER, limit) as Row[];
    return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) }));
  }

  /** Walks the chain; names the first row that was edited, inserted or removed. */
  verify(): AuditVerdict {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let count = 0;
    for (const row of this.db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as Iterable<Row>) {
      count++;
      if (row.seq !== expectedSeq)
        return { ok: false, rows: count, firstBadSeq: expectedSeq, reason: `row ${expectedSeq} is missing` };
      if (row.prev_hash !== prev)
        return {
          ok: false,
          rows: count,
          firstBadSeq: row.seq,
          reason: `row ${row.seq} does not follow row ${row.seq - 1} (a row before it was changed or removed)`,
        };
      if (rowHash(prev, row) !== row.hash)
        return {
          ok: false,
          rows: count,
          firstBadSeq: row.seq,
          reason: `row ${row.seq} was edited after it was written`,
        };
      prev = row.hash;
      expectedSeq++;
    }
    return { ok: true, rows: count };
  }
}
