import type { ParsedStatement, StatementChannel, StatementRow } from '../../core/reconciliation/index.ts';

export type StatementImportRecord = {
  readonly id: number;
  readonly contentSha256: string;
  readonly channel: StatementChannel;
  readonly layout: string;
  readonly merchantId: string;
  readonly fileName: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly rowCount: number;
  readonly paymentCount: number;
  readonly paymentFen: number;
  readonly refundCount: number;
  readonly refundFen: number;
  readonly feeFen: number;
  readonly netFen: number;
  readonly status: 'importing' | 'complete';
  readonly importedAt: string;
  readonly actor: string;
};

/**
 * Imported statement files and their normalised rows (StatementImportRepository). A file is written as
 * 'importing' in chunks of `chunkRows` rows and flipped to 'complete' last; only complete imports are read back.
 */
export interface StatementImportStore {
  /** Rows per stored chunk and per write transaction: the importer writes this many at a time. */
  readonly chunkRows: number;
  byHash(contentSha256: string): StatementImportRecord | undefined;
  byId(id: number): StatementImportRecord | undefined;
  /** A complete import of the same channel, merchant and layout whose period overlaps [start, end]. */
  overlapping(
    channel: StatementChannel,
    merchantId: string,
    layout: string,
    start: string,
    end: string,
  ): StatementImportRecord | undefined;
  list(filter: { channel?: StatementChannel; date?: string; limit: number }): StatementImportRecord[];
  /** Starts an import: the file's header row, status 'importing'. */
  begin(s: ParsedStatement, meta: { fileName: string; importedAt: string; actor: string }): number;
  /**
   * Writes rows[from, to) of an import in one transaction, one chunk per business day among them.
   * The rows stay invisible until markComplete, whose commit is the durable one: these commits skip the
   * fsync (synchronous NORMAL: in WAL mode a crash can only lose the latest of them, and an import
   * still 'importing' is discarded anyway), the final commit at FULL syncs the WAL with all of them in it.
   */
  appendRows(importId: number, rows: readonly StatementRow[], from: number, to: number): void;
  markComplete(importId: number): void;
  /** Removes an unfinished import (a failed or crashed write), a few chunks per transaction like it was written. */
  discard(importId: number): void;
  /** Imports left 'importing' by a process that died mid-write. */
  unfinished(): StatementImportRecord[];
  /** Statement rows of complete imports of a channel on the given business days, each import's in file order. */
  rowsFor(channel: StatementChannel, days: readonly string[]): StatementRow[];
}
