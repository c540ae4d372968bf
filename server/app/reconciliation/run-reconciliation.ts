import { ANOMALY_KINDS, reconcile } from '../../core/reconciliation/index.ts';
import type {
  AnomalyKind,
  ReconciliationTotals,
  ReconTender,
  StatementChannel,
} from '../../core/reconciliation/index.ts';
import type { ReconciliationStore } from '../ports/reconciliation-store.port.ts';
import type { ReconciliationTenderStore } from '../ports/reconciliation-tender-store.port.ts';
import type { StatementImportStore } from '../ports/statement-import-store.port.ts';
import type { Transactions } from '../ports/transactions.port.ts';
import type { Repositories } from '../store-context.ts';
import { addDays, businessDayOf } from './business-day.ts';

export type RunReconciliationDeps = {
  readonly tx: Transactions;
  readonly tenders: ReconciliationTenderStore;
  readonly imports: StatementImportStore;
  readonly runs: ReconciliationStore;
  readonly audit: Repositories['audit'];
};

export type RunReconciliationInput = {
  readonly date: string;
  readonly channel: StatementChannel;
  readonly storeId: string;
  readonly timeZone: string;
  readonly actor: string;
  readonly at: string;
};

/** Per anomaly kind: how many, our amounts and the channel's amounts involved. */
export type AnomalyFigures = { readonly count: number; readonly expectedFen: number; readonly statementFen: number };

export type RunSummary = {
  readonly runId: number;
  readonly date: string;
  readonly channel: StatementChannel;
  readonly totals: ReconciliationTotals;
  readonly anomalies: Readonly<Record<AnomalyKind, AnomalyFigures>>;
  /** of this run's anomalies, how many a manager had already resolved */
  readonly resolved: number;
  readonly timings: { readonly loadMs: number; readonly matchMs: number; readonly saveMs: number };
};

/**
 * Reconciles one business day of one channel: the day's and previous day's tenders (plus older
 * tenders refunded on the day) against the complete statement rows of the day and the next day
 * (docs/reconciliation.md), then replaces the day's stored run in one transaction with its audit row.
 * Anomaly ids are stable, so resolutions carry over.
 */
export function runReconciliation(deps: RunReconciliationDeps, input: RunReconciliationInput): RunSummary {
  const { date, channel } = input;
  const t0 = performance.now();
  const prev = addDays(date, -1);
  const next = addDays(date, 1);
  const tenders: ReconTender[] = deps.tenders.tendersFor(channel, [prev, date], [date, next]);
  // QR attempts no sale carries, by the store-local day they were requested (a day's margin for the zone)
  for (const p of deps.tenders.saleLessPayments(
    channel,
    `${addDays(prev, -1)}T00:00:00`,
    `${addDays(next, 1)}T00:00:00`,
  )) {
    const day = businessDayOf(p.requestedAt, input.timeZone);
    if (day === prev || day === date) tenders.push({ ...p.tender, businessDate: day });
  }
  const rows = deps.imports.rowsFor(channel, [date, next]);
  const t1 = performance.now();
  const report = reconcile(tenders, rows, { businessDate: date, channel });
  const t2 = performance.now();

  const runId = deps.tx.run(() => {
    const id = deps.runs.saveRun(report, { storeId: input.storeId, ranAt: input.at, actor: input.actor });
    deps.audit.append({
      at: input.at,
      actor: input.actor,
      action: 'reconciliation.run',
      subject: `${date}/${channel}`,
      detail: {
        runId: id,
        matched: report.totals.matchedCount,
        anomalies: report.anomalies.length,
        tenders: tenders.length,
        rows: rows.length,
      },
    });
    return id;
  });
  const t3 = performance.now();

  const figures = Object.fromEntries(
    ANOMALY_KINDS.map((k) => [k, { count: 0, expectedFen: 0, statementFen: 0 }]),
  ) as Record<AnomalyKind, { count: number; expectedFen: number; statementFen: number }>;
  for (const a of report.anomalies) {
    const f = figures[a.kind];
    f.count++;
    f.expectedFen += a.expectedFen ?? 0;
    for (const fen of a.statementFen) f.statementFen += fen;
  }
  const resolved = deps.runs.presentCounts(date, channel).get(channel)?.resolved ?? 0;
  return {
    runId,
    date,
    channel,
    totals: report.totals,
    anomalies: figures,
    resolved,
    timings: { loadMs: Math.round(t1 - t0), matchMs: Math.round(t2 - t1), saveMs: Math.round(t3 - t2) },
  };
}
