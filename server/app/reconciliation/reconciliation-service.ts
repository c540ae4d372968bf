import { STATEMENT_CHANNELS, type StatementChannel } from '../../core/reconciliation/index.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Service } from '../../runtime/service.ts';
import type { JobProgress, JobRunner } from '../ports/job-runner.port.ts';
import type {
  AnomalyRecord,
  AnomalyStatus,
  ReconciliationRunRecord,
  ReconciliationStore,
} from '../ports/reconciliation-store.port.ts';
import type { ReconciliationTenderStore } from '../ports/reconciliation-tender-store.port.ts';
import type { StatementImportRecord, StatementImportStore } from '../ports/statement-import-store.port.ts';
import type { StoreContext } from '../store-context.ts';
import { merchantWarnings, STALE_IMPORT_MS, type ImportOutcome, type ReconWarning } from './import-statement.ts';
import { resolveAnomaly, type OrphanRefund } from './resolve-anomaly.ts';
import type { RunSummary } from './run-reconciliation.ts';

/** Where heavy jobs run: a worker thread in the box (WorkerJobRunner). */
export type ReconciliationJobs = JobRunner;

/** The reconciliation tables on the event loop's connection. */
export type ReconciliationStores = {
  readonly imports: StatementImportStore;
  readonly runs: ReconciliationStore;
  readonly tenders: ReconciliationTenderStore;
};

export type ImportFileRequest = {
  readonly channel: StatementChannel;
  readonly filePath: string;
  readonly removeFile: boolean;
  readonly fileName?: string;
  readonly expectDate?: string;
  readonly expectSha1?: string;
  readonly settleDate?: string;
  readonly actor: string;
  readonly onProgress?: (p: JobProgress) => void;
};

export type DayReport = {
  readonly storeId: string;
  readonly date: string;
  readonly channels: ReadonlyArray<
    ReconciliationRunRecord & {
      readonly open: number;
      readonly resolved: number;
      readonly warnings: readonly ReconWarning[];
    }
  >;
};

/** A run as answered: flagged when its channel has no configured merchant id (its statements were not checked). */
export type FlaggedRunSummary = RunSummary & { readonly warnings: readonly ReconWarning[] };

/**
 * Statement import, reconciliation runs, reports and anomaly resolution in the running box.
 * Parsing and matching go to the job runner (a worker thread); reads and resolutions are small and stay here.
 */
export class ReconciliationService implements Service {
  readonly name = 'reconciliation';
  private readonly ctx: StoreContext;
  private readonly jobs: ReconciliationJobs;
  private readonly refundOrphan: OrphanRefund | undefined;
  private readonly imports: StatementImportStore;
  private readonly runs: ReconciliationStore;
  private readonly tenders: ReconciliationTenderStore;

  /** `stores` come from the reconciliation feature module (server/features/reconciliation.feature.ts). */
  constructor(options: {
    ctx: StoreContext;
    jobs: ReconciliationJobs;
    refundOrphan?: OrphanRefund;
    stores: ReconciliationStores;
  }) {
    this.ctx = options.ctx;
    this.jobs = options.jobs;
    this.refundOrphan = options.refundOrphan;
    const { stores } = options;
    this.imports = stores.imports;
    this.runs = stores.runs;
    this.tenders = stores.tenders;
  }

  /** Discards imports a dead process left half-written (a live CLI import is younger than STALE_IMPORT_MS). */
  async start(): Promise<void> {
    const now = this.ctx.clock.now().getTime();
    for (const stale of this.imports.unfinished()) {
      if (now - Date.parse(stale.importedAt) < STALE_IMPORT_MS) continue;
      this.imports.discard(stale.id);
      this.ctx.log.warn({ importId: stale.id, channel: stale.channel }, 'discarded an unfinished statement import');
    }
  }

  async stop(): Promise<void> {
    await this.jobs.stop();
  }

  importFile(request: ImportFileRequest): Promise<ImportOutcome> {
    const merchantId = this.ctx.config.reconciliation.merchantIds[request.channel];
    const { onProgress, ...rest } = request;
    return this.jobs.run(
      'import-statement',
      {
        ...rest,
        dataDir: this.ctx.config.dataDir,
        at: this.ctx.clock.now().toISOString(),
        ...(merchantId !== undefined ? { merchantId } : {}),
      },
      onProgress,
    );
  }

  async reconcile(request: { date: string; channel?: StatementChannel; actor: string }): Promise<FlaggedRunSummary[]> {
    const store = this.ctx.repos.store.get()!;
    const runs = await this.jobs.run('reconcile-day', {
      dataDir: this.ctx.config.dataDir,
      date: request.date,
      channels: request.channel ? [request.channel] : STATEMENT_CHANNELS,
      storeId: store.id,
      timeZone: store.timezone,
      actor: request.actor,
      at: this.ctx.clock.now().toISOString(),
    });
    return runs.map((r) => ({ ...r, warnings: this.warningsOf(r.channel) }));
  }

  /** The merchant-id warning of a channel, from the current configuration. */
  private warningsOf(channel: StatementChannel): ReconWarning[] {
    return merchantWarnings(channel, this.ctx.config.reconciliation.merchantIds[channel]);
  }

  report(date: string, channel?: StatementChannel): Result<DayReport, 'RECON_RUN_NOT_FOUND'> {
    const runs = this.runs.runs(date, channel);
    if (runs.length === 0) return err('RECON_RUN_NOT_FOUND', 'date', { date });
    // counted in SQL: this runs on the event loop, and a day's anomalies can be a million
    const counts = this.runs.presentCounts(date, channel);
    return ok({
      storeId: this.ctx.repos.store.get()!.id,
      date,
      channels: runs.map((r) => ({
        ...r,
        open: counts.get(r.channel)?.open ?? 0,
        resolved: counts.get(r.channel)?.resolved ?? 0,
        warnings: this.warningsOf(r.channel),
      })),
    });
  }

  anomalies(filter: {
    status?: AnomalyStatus;
    date?: string;
    channel?: StatementChannel;
    limit: number;
  }): AnomalyRecord[] {
    return this.runs.anomalies(filter);
  }

  statementImports(filter: { channel?: StatementChannel; date?: string; limit: number }): StatementImportRecord[] {
    return this.imports.list(filter);
  }

  resolve(input: {
    anomalyId: string;
    action: 'refund_orphan' | 'attach_to_sale' | 'accept' | 'mark_settled_late';
    note: string;
    saleId?: string;
    actor: string;
  }) {
    const deps = {
      tx: this.ctx.tx,
      runs: this.runs,
      tenders: this.tenders,
      audit: this.ctx.repos.audit,
      ...(this.refundOrphan ? { refundOrphan: this.refundOrphan } : {}),
    };
    return resolveAnomaly(deps, { ...input, at: this.ctx.clock.now().toISOString() });
  }
}
