import type { StatementChannel } from '../../core/reconciliation/index.ts';
import type { MemberTagsInput, MemberTagsOutput } from '../loyalty/member-tags.ts';
import type { ImportOutcome } from '../reconciliation/import-statement.ts';
import type { RunSummary } from '../reconciliation/run-reconciliation.ts';
import type { ReplenishmentJobInput, ReplenishmentJobOutput } from '../inventory/replenishment-run.ts';
import type { ReplenishmentExportInput, ReplenishmentExportOutput } from '../inventory/replenishment-export.ts';

/** Progress a job reports while it runs (forwarded to the caller's onProgress). */
export type JobProgress = { readonly stage: string; readonly done: number };

/** Every job opens its own connection to the box's database, the one in this data directory. */
export type JobDatabase = {
  /** the box's data directory (config dataDir): the job opens the database file in it */
  readonly dataDir: string;
};

export type ImportJobInput = JobDatabase & {
  readonly filePath: string;
  /** remove filePath when done (an upload spooled to a temp file) */
  readonly removeFile: boolean;
  readonly channel: StatementChannel;
  readonly fileName?: string;
  readonly merchantId?: string;
  readonly expectDate?: string;
  readonly expectSha1?: string;
  readonly settleDate?: string;
  readonly actor: string;
  readonly at: string;
};

export type ReconcileJobInput = JobDatabase & {
  readonly date: string;
  readonly channels: readonly StatementChannel[];
  readonly storeId: string;
  readonly timeZone: string;
  readonly actor: string;
  readonly at: string;
};

/** The jobs a worker thread can run, by name (STYLE.md habit 8: an explicit registry). */
export type JobMap = {
  'import-statement': { input: ImportJobInput; output: ImportOutcome };
  'reconcile-day': { input: ReconcileJobInput; output: RunSummary[] };
  'member-tags': { input: JobDatabase & MemberTagsInput; output: MemberTagsOutput };
  /** replenishment suggestions for every active product (docs/replenishment.md) */
  replenishment: { input: JobDatabase & ReplenishmentJobInput; output: ReplenishmentJobOutput };
  /** the latest run's suggested lines as CSV or Excel */
  'replenishment-export': { input: JobDatabase & ReplenishmentExportInput; output: ReplenishmentExportOutput };
};
export type JobName = keyof JobMap;

/**
 * Where heavy jobs run (statement parsing, 1M × 1M matching, the nightly RFM pass): a worker thread in
 * the box (WorkerJobRunner), so the lanes' event loop stays free. One job at a time.
 */
export interface JobRunner {
  run<N extends JobName>(
    name: N,
    input: JobMap[N]['input'],
    onProgress?: (p: JobProgress) => void,
  ): Promise<JobMap[N]['output']>;
  stop(): Promise<void>;
}
