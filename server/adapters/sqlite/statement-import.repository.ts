import type { ParsedStatement, StatementChannel, StatementRow } from '../../core/reconciliation/index.ts';
import type { Db } from './database.ts';
import { decodeStatementChunk, encodeStatementChunk } from './statement-chunk.codec.ts';
import type { StatementImportRecord, StatementImportStore } from '../../app/ports/statement-import-store.port.ts';

export type { StatementImportRecord };

type ImportRow = {
  id: number;
  content_sha256: string;
  channel: StatementChannel;
  layout: string;
  merchant_id: string;
  file_name: string;
  period_start: string;
  period_end: string;
  row_count: number;
  payment_count: number;
  payment_fen: number;
  refund_count: number;
  refund_fen: number;
  fee_fen: number;
  net_fen: number;
  status: 'importing' | 'complete';
  imported_at: string;
  actor: string;
};

function toRecord(r: ImportRow): StatementImportRecord {
  return {
    id: r.id,
    contentSha256: r.content_sha256,
    channel: r.channel,
    layout: r.layout,
    merchantId: r.merchant_id,
    fileName: r.file_name,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    rowCount: r.row_count,
    paymentCount: r.payment_count,
    paymentFen: r.payment_fen,
    refundCount: r.refund_count,
    refundFen: r.refund_fen,
    feeFen: r.fee_fen,
    netFen: r.net_fen,
    status: r.status,
    importedAt: r.imported_at,
    actor: r.actor,
  };
}

/** Rows per stored chunk and per write transaction: ≈ 1 MB of JSON, a few milliseconds of write lock, so a lane's sale never waits long. */
export const ROW_CHUNK = 10_000;

/**
 * Imported statement files and their normalised rows. A file is written as 'importing' in short
 * chunks and flipped to 'complete' last; only complete imports are read back. Rows are stored packed,
 * one text record per chunk of an import and business day (migrations/0011, statement-chunk.codec.ts).
 */
export class StatementImportRepository implements StatementImportStore {
  readonly chunkRows = ROW_CHUNK;
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  byHash(contentSha256: string): StatementImportRecord | undefined {
    const r = this.db.prepare('SELECT * FROM statement_import WHERE content_sha256 = ?').get(contentSha256) as
      ImportRow | undefined;
    return r && toRecord(r);
  }

  byId(id: number): StatementImportRecord | undefined {
    const r = this.db.prepare('SELECT * FROM statement_import WHERE id = ?').get(id) as ImportRow | undefined;
    return r && toRecord(r);
  }

  /** A complete import of the same channel, merchant and layout whose period overlaps [start, end]. */
  overlapping(
    channel: StatementChannel,
    merchantId: string,
    layout: string,
    start: string,
    end: string,
  ): StatementImportRecord | undefined {
    const r = this.db
      .prepare(
        "SELECT * FROM statement_import WHERE status = 'complete' AND channel = ? AND merchant_id = ? AND layout = ? AND period_start <= ? AND period_end >= ? ORDER BY id LIMIT 1",
      )
      .get(channel, merchantId, layout, end, start) as ImportRow | undefined;
    return r && toRecord(r);
  }

  list(filter: { channel?: StatementChannel; date?: string; limit: number }): StatementImportRecord[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM statement_import WHERE status = 'complete'
           AND (@channel IS NULL OR channel = @channel) AND (@date IS NULL OR (period_start <= @date AND period_end >= @date))
         ORDER BY id DESC LIMIT @limit`,
      )
      .all({ channel: filter.channel ?? null, date: filter.date ?? null, limit: filter.limit }) as ImportRow[];
    return rows.map(toRecord);
  }

  /** Starts an import: the file's header row, status 'importing'. */
  begin(s: ParsedStatement, meta: { fileName: string; importedAt: string; actor: string }): number {
    const t = s.totals;
    const info = this.db
      .prepare(
        `INSERT INTO statement_import (content_sha256, channel, layout, merchant_id, file_name, period_start, period_end, row_count,
           payment_count, payment_fen, refund_count, refund_fen, fee_fen, net_fen, status, imported_at, actor)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'importing', ?, ?)`,
      )
      .run(
        s.contentHash,
        s.channel,
        s.layout,
        s.merchantId,
        meta.fileName,
        s.periodStart,
        s.periodEnd,
        s.rowCount,
        t.paymentCount,
        t.paymentFen,
        t.refundCount,
        t.refundFen,
        t.feeFen,
        t.netFen,
        meta.importedAt,
        meta.actor,
      );
    return Number(info.lastInsertRowid);
  }

  /**
   * Writes rows[from, to) of an import in one transaction, one chunk per business day among them.
   * The rows stay invisible until markComplete, whose commit is the durable one: these commits skip the
   * fsync (synchronous NORMAL: in WAL mode a crash can only lose the latest of them, and an import
   * still 'importing' is discarded anyway), the final commit at FULL syncs the WAL with all of them in it.
   */
  appendRows(importId: number, rows: readonly StatementRow[], from: number, to: number): void {
    // seq = the file position of the day's first row here: a day's chunks then read back in file order
    const byDay = new Map<string, { seq: number; rows: StatementRow[] }>();
    for (let i = from; i < to; i++) {
      const r = rows[i];
      const chunk = byDay.get(r.businessDate);
      if (chunk) chunk.rows.push(r);
      else byDay.set(r.businessDate, { seq: i, rows: [r] });
    }
    // encoded before the write lock is taken
    const chunks = [...byDay].map(([day, c]) => ({
      day,
      seq: c.seq,
      count: c.rows.length,
      text: encodeStatementChunk(c.rows),
    }));
    const insert = this.db.prepare(
      'INSERT INTO statement_chunk (import_id, channel, business_date, seq, row_count, rows) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const channel = rows[from].channel;
    this.db.pragma('synchronous = NORMAL');
    try {
      this.db
        .transaction(() => {
          for (const c of chunks) insert.run(importId, channel, c.day, c.seq, c.count, c.text);
        })
        .immediate();
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  markComplete(importId: number): void {
    this.db
      .prepare("UPDATE statement_import SET status = 'complete' WHERE id = ? AND status = 'importing'")
      .run(importId);
  }

  /** Removes an unfinished import (a failed or crashed write), a few chunks per transaction like it was written. */
  discard(importId: number): void {
    const chunk = this.db.prepare(
      'DELETE FROM statement_chunk WHERE id IN (SELECT id FROM statement_chunk WHERE import_id = ? LIMIT 10)',
    );
    while (this.db.transaction(() => chunk.run(importId).changes).immediate() > 0);
    this.db.prepare("DELETE FROM statement_import WHERE id = ? AND status = 'importing'").run(importId);
  }

  /** Imports left 'importing' by a process that died mid-write. */
  unfinished(): StatementImportRecord[] {
    return (
      this.db.prepare("SELECT * FROM statement_import WHERE status = 'importing' ORDER BY id").all() as ImportRow[]
    ).map(toRecord);
  }

  /** Statement rows of complete imports of a channel on the given business days, each import's in file order. */
  rowsFor(channel: StatementChannel, days: readonly string[]): StatementRow[] {
    // the complete imports first (a handful), so the chunks need no join
    const merchantOf = new Map(
      this.db
        .prepare("SELECT id, merchant_id FROM statement_import WHERE channel = ? AND status = 'complete'")
        .raw(true)
        .all(channel) as [number, string][],
    );
    const select = this.db
      .prepare(
        'SELECT import_id, rows FROM statement_chunk WHERE channel = ? AND business_date = ? ORDER BY import_id, seq',
      )
      .raw(true);
    const rows: StatementRow[] = [];
    for (const businessDate of days) {
      for (const [importId, text] of select.iterate(channel, businessDate) as Iterable<[number, string]>) {
        const merchantId = merchantOf.get(importId);
        if (merchantId === undefined) continue; // an import still being written
        decodeStatementChunk(text, { channel, merchantId, businessDate }, rows);
      }
    }
    return rows;
  }
}
