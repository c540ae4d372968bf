/**
 * Replenishment suggestions in the running box (docs/replenishment.md): a run goes to the job runner (a
 * worker thread at nice 10), reads of the latest run and supply-term changes are small and stay here.
 */
import { err, ok, type Result } from '../../core/result.ts';
import type { Service } from '../../runtime/service.ts';
import type { JobRunner } from '../ports/job-runner.port.ts';
import type {
  LineFilter,
  ReplenishmentLine,
  ReplenishmentRun,
  ReplenishmentStore,
  SupplyTermsRow,
} from '../ports/replenishment-store.port.ts';
import type { StoreContext } from '../store-context.ts';
import { storeLocalTime } from '../store-time.ts';
import type { ReplenishmentExportInput } from './replenishment-export.ts';
import { replenishmentSettings, type ReplenishmentJobOutput } from './replenishment-run.ts';

/** Suggested lines of one supplier: a draft purchase order. */
export type PurchaseOrderDraft = {
  readonly supplierId: string | null;
  readonly supplierName: string | null;
  readonly lines: readonly ReplenishmentLine[];
  /** sum of cost × quantity over the lines that have a cost */
  readonly totalCostFen: number;
  /** lines without a cost (their amount is not in the total) */
  readonly linesWithoutCost: number;
};

/** The most lines one read returns (the export has them all). */
export const MAX_LINES_PER_READ = 5000;

export function groupBySupplier(lines: readonly ReplenishmentLine[]): PurchaseOrderDraft[] {
  const drafts = new Map<
    string,
    { supplierId: string | null; supplierName: string | null; lines: ReplenishmentLine[] }
  >();
  for (const l of lines) {
    const key = l.supplierId ?? '';
    let d = drafts.get(key);
    if (!d) drafts.set(key, (d = { supplierId: l.supplierId, supplierName: l.supplierName, lines: [] }));
    d.lines.push(l);
  }
  return [...drafts.values()].map((d) => ({
    ...d,
    totalCostFen: d.lines.reduce((t, l) => t + (l.costFen ?? 0) * l.quantity, 0),
    linesWithoutCost: d.lines.filter((l) => l.costFen === null).length,
  }));
}

export class ReplenishmentService implements Service {
  readonly name = 'replenishment';
  private readonly ctx: StoreContext;
  private readonly jobs: JobRunner;
  private readonly store: ReplenishmentStore;
  private running: Promise<ReplenishmentJobOutput> | undefined;

  constructor(options: { ctx: StoreContext; jobs: JobRunner; store: ReplenishmentStore }) {
    this.ctx = options.ctx;
    this.jobs = options.jobs;
    this.store = options.store;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {
    await this.jobs.stop();
  }

  /**
   * Runs the job for every active product, the history through today's business date. A run asked for
   * while one is going joins it: both would read the same history.
   */
  run(actor: string): Promise<ReplenishmentJobOutput> {
    if (this.running) return this.running;
    const store = this.ctx.repos.store.get();
    if (!store) throw new Error('replenishment: the store is not set up');
    const now = this.ctx.clock.now();
    const job = this.jobs
      .run('replenishment', {
        dataDir: this.ctx.config.dataDir,
        runId: this.ctx.ids.uuid(),
        asOf: storeLocalTime(now, store.timezone).date,
        settings: replenishmentSettings(store.settings.replenishment),
        actor,
        startedAt: now.toISOString(),
      })
      .finally(() => {
        this.running = undefined;
      });
    this.running = job;
    return job;
  }

  latest(filter: Omit<LineFilter, 'limit'> & { limit?: number }): Result<{
    run: ReplenishmentRun;
    lines: ReplenishmentLine[];
    truncated: boolean;
  }> {
    const run = this.store.latestRun();
    if (!run) return err('REPLENISHMENT_NO_RUN');
    const limit = Math.min(filter.limit ?? MAX_LINES_PER_READ, MAX_LINES_PER_READ);
    const lines = this.store.lines(run.id, { ...filter, limit: limit + 1 });
    return ok({ run, lines: lines.slice(0, limit), truncated: lines.length > limit });
  }

  async export(input: ReplenishmentExportInput) {
    return this.jobs.run('replenishment-export', { dataDir: this.ctx.config.dataDir, ...input });
  }

  setSupply(terms: SupplyTermsRow, actor: string): Result<SupplyTermsRow> {
    if (!this.store.productExists(terms.sku)) return err('PRODUCT_NOT_FOUND', 'sku', { sku: terms.sku });
    if (terms.minOrder > 0 && terms.minOrder % terms.packSize !== 0)
      return err('REPLENISHMENT_SUPPLY_INVALID', 'minOrder', { reason: 'minOrder must be a whole number of packs' });
    const at = this.ctx.clock.now().toISOString();
    this.ctx.tx.run(() => {
      this.store.upsertSupply(terms, at);
      this.ctx.repos.audit.append({
        at,
        actor,
        action: 'replenishment.supply.set',
        subject: terms.sku,
        detail: { ...terms },
      });
    });
    return ok(terms);
  }
}
