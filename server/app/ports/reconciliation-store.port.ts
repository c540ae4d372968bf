import type {
  Anomaly,
  AnomalyKind,
  ReconciliationReport,
  ReconciliationTotals,
  StatementChannel,
} from '../../core/reconciliation/index.ts';

export type ReconciliationRunRecord = {
  readonly id: number;
  readonly businessDate: string;
  readonly channel: StatementChannel;
  readonly storeId: string;
  readonly totals: ReconciliationTotals;
  readonly anomalyCount: number;
  readonly ranAt: string;
  readonly actor: string;
};

export type AnomalyStatus = 'open' | 'resolved';

export type ResolutionAction = 'refund_orphan' | 'attach_to_sale' | 'accept' | 'mark_settled_late';

export type AnomalyResolutionRecord = {
  readonly id: number;
  readonly action: ResolutionAction;
  readonly saleId?: string;
  readonly note: string;
  readonly outcome: Record<string, unknown>;
  readonly actor: string;
  readonly at: string;
};

export type AnomalyRecord = {
  readonly id: string;
  readonly businessDate: string;
  readonly channel: StatementChannel;
  readonly kind: AnomalyKind;
  readonly status: AnomalyStatus;
  /** reported by the latest run of its day */
  readonly present: boolean;
  readonly expectedFen?: number;
  readonly statementFen: number;
  readonly detail: Anomaly;
  readonly firstSeenAt: string;
  readonly lastSeenAt: string;
  readonly resolution?: AnomalyResolutionRecord;
};

/** Reconciliation runs (one per day and channel, replaced on re-run) and anomalies by stable id (ReconciliationRepository). */
export interface ReconciliationStore {
  /**
   * Replaces the (day, channel) run with this report. Anomalies are upserted by id: a resolved one
   * stays resolved; an open one this run no longer finds is removed; a resolved one it no longer
   * finds is kept, marked not present. Call inside a transaction.
   */
  saveRun(report: ReconciliationReport, meta: { storeId: string; ranAt: string; actor: string }): number;
  runs(day: string, channel?: StatementChannel): ReconciliationRunRecord[];
  anomalies(filter: {
    status?: AnomalyStatus;
    date?: string;
    channel?: StatementChannel;
    limit: number;
  }): AnomalyRecord[];
  /** How many anomalies of a day the latest runs report, by channel and status (counted here, not listed: a day can have a million). */
  presentCounts(day: string, channel?: StatementChannel): Map<StatementChannel, Record<AnomalyStatus, number>>;
  anomaly(id: string): AnomalyRecord | undefined;
  /** Records a resolution and closes the anomaly. Call inside a transaction. */
  resolve(anomalyId: string, r: Omit<AnomalyResolutionRecord, 'id'>): number;
}
