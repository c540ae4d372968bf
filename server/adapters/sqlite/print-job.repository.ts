import type {
  PrintJobRecord,
  PrintJobStatus,
  PrintJobStore,
  PrintJobSummary,
} from '../../app/ports/print-job-store.port.ts';
import type { Db } from './database.ts';

export type { PrintJobRecord, PrintJobStatus, PrintJobSummary } from '../../app/ports/print-job-store.port.ts';

type Row = {
  id: string;
  device_id: string;
  sale_id: string | null;
  bytes: Buffer;
  status: PrintJobStatus;
  attempts: number;
  last_error: string | null;
  created_at: string;
  updated_at: string;
};
const fromRow = (r: Row): PrintJobRecord => ({
  id: r.id,
  deviceId: r.device_id,
  saleId: r.sale_id,
  bytes: new Uint8Array(r.bytes),
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Print jobs, written before the first byte is sent: a restart resumes the ones not confirmed printed. */
export class PrintJobRepository implements PrintJobStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  insert(job: { id: string; deviceId: string; saleId: string | null; bytes: Uint8Array; at: string }): void {
    this.db
      .prepare(
        "INSERT INTO print_job (id, device_id, sale_id, bytes, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)",
      )
      .run(job.id, job.deviceId, job.saleId, Buffer.from(job.bytes), job.at, job.at);
  }

  byId(id: string): PrintJobRecord | undefined {
    const row = this.db.prepare('SELECT * FROM print_job WHERE id = ?').get(id) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Jobs not yet printed, oldest first. */
  open(): PrintJobRecord[] {
    return (
      this.db
        .prepare("SELECT * FROM print_job WHERE status IN ('pending', 'waiting') ORDER BY created_at, rowid")
        .all() as Row[]
    ).map(fromRow);
  }

  recent(limit: number): PrintJobSummary[] {
    const rows = this.db
      .prepare(
        'SELECT id, device_id, sale_id, length(bytes) AS size, status, attempts, last_error, created_at, updated_at FROM print_job ORDER BY created_at DESC, rowid DESC LIMIT ?',
      )
      .all(limit) as Array<Omit<Row, 'bytes'> & { size: number }>;
    return rows.map((r) => ({
      id: r.id,
      deviceId: r.device_id,
      saleId: r.sale_id,
      sizeBytes: r.size,
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  mark(id: string, status: PrintJobStatus, at: string, lastError: string | null = null): void {
    this.db
      .prepare('UPDATE print_job SET status = ?, attempts = attempts + 1, last_error = ?, updated_at = ? WHERE id = ?')
      .run(status, lastError, at, id);
  }
}
