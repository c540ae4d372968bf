import { readFileSync, rmSync } from 'node:fs';
import { importStatement, type ImportOutcome } from '../../app/reconciliation/import-statement.ts';
import { runReconciliation, type RunSummary } from '../../app/reconciliation/run-reconciliation.ts';
import { computeMemberTags, type MemberTagsOutput } from '../../app/loyalty/member-tags.ts';
import type {
  ImportJobInput,
  JobMap,
  JobName,
  JobProgress,
  ReconcileJobInput,
} from '../../app/ports/job-runner.port.ts';
import { nodeSecrets } from '../crypto/node-crypto.ts';
import { AuditLogRepository } from '../sqlite/audit-log.repository.ts';
import { databasePath, openDatabase, type Db } from '../sqlite/database.ts';
import { MemberCategorySpendRepository } from '../sqlite/member-category-spend.repository.ts';
import { MemberRepository } from '../sqlite/member.repository.ts';
import { sqliteTransactions } from '../sqlite/sqlite-transactions.ts';
import { ReconciliationTenderRepository } from '../sqlite/reconciliation-tender.repository.ts';
import { ReconciliationRepository } from '../sqlite/reconciliation.repository.ts';
import { StatementImportRepository } from '../sqlite/statement-import.repository.ts';
import { parseStatement } from '../statements/parse-statement.ts';
import { computeReplenishment } from '../../app/inventory/replenishment-run.ts';
import { exportReplenishment } from '../../app/inventory/replenishment-export.ts';
import { exceljsWriter } from '../export/xlsx-writer.ts';
import { ReplenishmentRepository } from '../sqlite/replenishment.repository.ts';

export type { ImportJobInput, JobMap, JobName, JobProgress, ReconcileJobInput };

type JobEntry = {
  readonly name: JobName;
  readonly run: (input: never, progress: (p: JobProgress) => void) => Promise<unknown>;
};

/**
 * Each job opens its own connection: the worker writes while the event loop's connection keeps serving
 * lanes. A job checkpoints the WAL it grew before closing, so the event loop's next commit does not
 * inherit a checkpoint of hundreds of megabytes.
 */
function withDb<T>(dataDir: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = openDatabase(databasePath(dataDir));
  return fn(db).finally(() => {
    db.pragma('wal_checkpoint(PASSIVE)');
    db.close();
  });
}

async function importJob(input: ImportJobInput, progress: (p: JobProgress) => void): Promise<ImportOutcome> {
  try {
    const bytes = readFileSync(input.filePath);
    return await withDb(input.dataDir, (db) =>
      importStatement(
        {
          tx: sqliteTransactions(db),
          imports: new StatementImportRepository(db),
          audit: new AuditLogRepository(db),
          parse: parseStatement,
          secrets: nodeSecrets,
        },
        {
          channel: input.channel,
          bytes,
          actor: input.actor,
          at: input.at,
          ...(input.fileName !== undefined ? { fileName: input.fileName } : {}),
          ...(input.merchantId !== undefined ? { merchantId: input.merchantId } : {}),
          ...(input.expectDate !== undefined ? { expectDate: input.expectDate } : {}),
          ...(input.expectSha1 !== undefined ? { expectSha1: input.expectSha1 } : {}),
          ...(input.settleDate !== undefined ? { settleDate: input.settleDate } : {}),
          onProgress: (stage, done) => progress({ stage, done }),
        },
      ),
    );
  } finally {
    if (input.removeFile) rmSync(input.filePath, { force: true });
  }
}

async function reconcileJob(input: ReconcileJobInput, progress: (p: JobProgress) => void): Promise<RunSummary[]> {
  return withDb(input.dataDir, async (db) => {
    const deps = {
      tx: sqliteTransactions(db),
      tenders: new ReconciliationTenderRepository(db),
      imports: new StatementImportRepository(db),
      runs: new ReconciliationRepository(db),
      audit: new AuditLogRepository(db),
    };
    const out: RunSummary[] = [];
    for (const channel of input.channels) {
      out.push(
        runReconciliation(deps, {
          date: input.date,
          channel,
          storeId: input.storeId,
          timeZone: input.timeZone,
          actor: input.actor,
          at: input.at,
        }),
      );
      progress({ stage: channel, done: out.length });
    }
    return out;
  });
}

export const reconciliationJobs: readonly JobEntry[] = [
  { name: 'import-statement', run: importJob as JobEntry['run'] },
  { name: 'reconcile-day', run: reconcileJob as JobEntry['run'] },
  // the nightly RFM/tags pass over every member (LoyaltyJobs), off the lanes' event loop
  {
    name: 'member-tags',
    run: ((input: JobMap['member-tags']['input'], progress: (p: JobProgress) => void) =>
      withDb(input.dataDir, async (db): Promise<MemberTagsOutput> => {
        const stores = {
          tx: sqliteTransactions(db),
          members: new MemberRepository(db),
          categorySpend: new MemberCategorySpendRepository(db),
          checkpoint: () => void db.pragma('wal_checkpoint(PASSIVE)'),
        };
        return computeMemberTags(stores, input, progress);
      })) as JobEntry['run'],
  },
  // replenishment suggestions for every product (docs/replenishment.md), and their export
  {
    name: 'replenishment',
    run: ((input: JobMap['replenishment']['input'], progress: (p: JobProgress) => void) =>
      withDb(input.dataDir, async (db) =>
        computeReplenishment(
          { tx: sqliteTransactions(db), source: new ReplenishmentRepository(db), now: () => new Date().toISOString() },
          input,
          progress,
        ),
      )) as JobEntry['run'],
  },
  {
    name: 'replenishment-export',
    run: ((input: JobMap['replenishment-export']['input']) =>
      withDb(input.dataDir, (db) =>
        exportReplenishment({ store: new ReplenishmentRepository(db), spreadsheet: exceljsWriter }, input),
      )) as JobEntry['run'],
  },
];

/** Runs a job on the calling thread (the CLI, which has no event loop to protect, and the worker itself). */
export function runJobHere<N extends JobName>(
  name: N,
  input: JobMap[N]['input'],
  progress: (p: JobProgress) => void = () => {},
): Promise<JobMap[N]['output']> {
  const job = reconciliationJobs.find((j) => j.name === name);
  if (!job) throw new Error(`no worker job ${name}`);
  return job.run(input as never, progress) as Promise<JobMap[N]['output']>;
}
