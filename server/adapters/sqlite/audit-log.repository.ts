import { sha256Hex } from '../crypto/token.ts';
import type { AuditAnchor, AuditEntry, AuditLog, AuditLogRow, AuditVerdict } from '../../app/ports/audit-log.port.ts';
import type { Db } from './database.ts';

export type { AuditAnchor, AuditEntry, AuditVerdict } from '../../app/ports/audit-log.port.ts';

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

/**
 * The append-only, hash-chained audit log. Append inside the caller's transaction so the
 * audited change and its record commit together.
 */
class SqliteAuditLog implements AuditLog {
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

  list(limit = 100, beforeSeq?: number): AuditLogRow[] {
    const rows = this.db
      .prepare('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?')
      .all(beforeSeq ?? Number.MAX_SAFE_INTEGER, limit) as Row[];
    return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) }));
  }

  /** The anchor for the chain as it is now: its row count and last hash (the genesis hash when empty). */
  head(at: string): AuditAnchor {
    const last = this.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined;
    return { at, count: last?.seq ?? 0, headHash: last?.hash ?? GENESIS_HASH };
  }

  /**
   * Walks the chain; names the first row that was edited, inserted or removed. A chain that is
   * whole in itself must also agree with every anchor: fewer rows than an anchor counted means
   * its last rows were deleted, another hash at the anchor's row means it was rewritten.
   */
  verify(anchors: readonly AuditAnchor[] = []): AuditVerdict {
    // the anchors, per row they name: row n's hash must be headHash (row 0 is the genesis)
    const expected = new Map<number, AuditAnchor[]>();
    for (const a of anchors) expected.set(a.count, [...(expected.get(a.count) ?? []), a]);
    const rewritten = (seq: number, hash: string): AuditVerdict | undefined => {
      const differs = expected.get(seq)?.find((a) => a.headHash !== hash);
      return differs
        ? {
            ok: false,
            rows: seq,
            firstBadSeq: Math.max(seq, 1),
            reason: `row ${seq} differs from the anchor of ${differs.at} (the log was rewritten up to it)`,
          }
        : undefined;
    };
    const atGenesis = rewritten(0, GENESIS_HASH);
    if (atGenesis) return atGenesis;
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
      const bad = rewritten(row.seq, row.hash);
      if (bad) return bad;
      prev = row.hash;
      expectedSeq++;
    }
    const longest = anchors.reduce<AuditAnchor | undefined>((m, a) => (m && m.count >= a.count ? m : a), undefined);
    if (longest && longest.count > count)
      return {
        ok: false,
        rows: count,
        firstBadSeq: count + 1,
        reason: `the log has ${count} rows but the anchor of ${longest.at} counted ${longest.count} (rows after ${count} were removed)`,
      };
    return { ok: true, rows: count };
  }
}

/**
 * The SQLite audit log. As a type the name means the port, so code that still names the class takes
 * the context's AuditLog until it names the port itself.
 */
export const AuditLogRepository = SqliteAuditLog;
export type AuditLogRepository = AuditLog;
