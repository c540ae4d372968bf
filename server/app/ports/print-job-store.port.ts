export type PrintJobStatus = 'pending' | 'waiting' | 'printed' | 'discarded';
export type PrintJobRecord = {
  id: string;
  deviceId: string;
  saleId: string | null;
  bytes: Uint8Array;
  status: PrintJobStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
};
export type PrintJobSummary = Omit<PrintJobRecord, 'bytes'> & { sizeBytes: number };

/** Print jobs, written before the first byte is sent: a restart resumes the ones not confirmed printed. */
export interface PrintJobStore {
  insert(job: { id: string; deviceId: string; saleId: string | null; bytes: Uint8Array; at: string }): void;
  byId(id: string): PrintJobRecord | undefined;
  /** Jobs not yet printed, oldest first. */
  open(): PrintJobRecord[];
  recent(limit: number): PrintJobSummary[];
  /** Records an attempt's outcome. */
  mark(id: string, status: PrintJobStatus, at: string, lastError?: string | null): void;
}
