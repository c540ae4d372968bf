import type { Anomaly, AnomalyKind, ReconciliationReport, StatementChannel } from '../../core/reconciliation/index.ts';
import type { Db } from './database.ts';
import type {
  AnomalyRecord,
  AnomalyResolutionRecord,
  AnomalyStatus,
  ReconciliationRunRecord,
  ReconciliationStore,
  ResolutionAction,
} from '../../app/ports/reconciliation-store.port.ts';

export type { AnomalyRecord, AnomalyResolutionRecord, AnomalyStatus, ReconciliationRunRecord, ResolutionAction };

type RunRow = {
  id: number;
  business_date: string;
  channel: StatementChannel;
  store_id: string;
  totals: string;
  anomaly_count: number;
  ran_at: string;
  actor: string;
};
type AnomalyRow = {
  id: string;
  business_date: string;
  channel: StatementChannel;
  kind: AnomalyKind;
  status: AnomalyStatus;
  present: number;
  expected_fen: number | null;
  statement_fen: number;
  detail: string;
  first_seen_at: string;
  last_seen_at: string;
  r_id: number | null;
  r_action: ResolutionAction | null;
  r_sale_id: string | null;
  r_note: string | null;
  r_outcome: string | null;
  r_actor: string | null;
  r_at: string | null;
};

function toRun(r: RunRow): ReconciliationRunRecord {
  return {
    id: r.id,
    businessDate: r.business_date,
    channel: r.channel,
    storeId: r.store_id,
    totals: JSON.parse(r.totals),
    anomalyCount: r.anomaly_count,
    ranAt: r.ran_at,
    actor: r.actor,
  };
}

function toAnomaly(r: AnomalyRow): AnomalyRecord {
  const base = {
    id: r.id,
    businessDate: r.business_date,
    channel: r.channel,
    kind: r.kind,
    status: r.status,
    present: r.present === 1,
    statementFen: r.statement_fen,
    detail: JSON.parse(r.detail) as Anomaly,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    ...(r.expected_fen === null ? {} : { expectedFen: r.expected_fen }),
  };
  if (r.r_id === null) return base;
  const resolution: AnomalyResolutionRecord = {
    id: r.r_id,
    action: r.r_action!,
    note: r.r_note!,
    outcome: JSON.parse(r.r_outcome!),
    actor: r.r_actor!,
    at: r.r_at!,
    ...(r.r_sale_id === null ? {} : { saleId: r.r_sale_id }),
  };
  return { ...base, resolution };
}

// the latest resolution of each anomaly rides along with it
const ANOMALY_SELECT = `SELECT a.*, r.id AS r_id, r.action AS r_action, r.sale_id AS r_sale_id, r.note AS r_note, r.outcome AS r_outcome, r.actor AS r_actor, r.at AS r_at
  FROM anomaly a LEFT JOIN anomaly_resolution r ON r.id = (SELECT max(id) FROM anomaly_resolution WHERE anomaly_id = a.id)`;

/** Reconciliation runs (one per day and channel, replaced on re-run) and anomalies by stable id. */
export class ReconciliationRepository implements ReconciliationStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  /**
   * Replaces the (day, channel) run with this report. Anomalies are upserted by id: a resolved one
   * stays resolved; an open one this run no longer finds is removed; a resolved one it no longer
   * finds is kept, marked not present. Call inside a transaction.
   */
  saveRun(report: ReconciliationReport, meta: { storeId: string; ranAt: string; actor: string }): number {
    const { businessDate: day, channel, totals } = report;
    this.db.prepare('DELETE FROM reconciliation_run WHERE business_date = ? AND channel = ?').run(day, channel);
    const s = totals.statement;
    const runId = Number(
      this.db
        .prepare(
          `INSERT INTO reconciliation_run (business_date, channel, store_id, tender_count, tender_fen, refund_count, refund_fen, matched_count, matched_fen,
             statement_row_count, statement_payment_fen, statement_refund_fen, fee_fen, net_fen, anomaly_count, totals, ran_at, actor)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          day,
          channel,
          meta.storeId,
          totals.tenderCount,
          totals.tenderFen,
          totals.refundCount,
          totals.refundFen,
          totals.matchedCount,
          totals.matchedFen,
          s.rowCount,
          s.paymentFen,
          s.refundFen,
          s.feeFen,
          s.netFen,
          report.anomalies.length,
          JSON.stringify(totals),
          meta.ranAt,
          meta.actor,
        ).lastInsertRowid,
    );
    // everything of the day is absent until this run reports it again
    this.db.prepare('UPDATE anomaly SET present = 0 WHERE business_date = ? AND channel = ?').run(day, channel);
    const upsert = this.db.prepare(
      `INSERT INTO anomaly (id, business_date, channel, kind, tender_id, sale_id, refund_id, merchant_order_no, expected_fen, statement_fen, detail, status, present, run_id, first_seen_at, last_seen_at)
       VALUES (@id, @day, @channel, @kind, @tenderId, @saleId, @refundId, @orderNo, @expectedFen, @statementFen, @detail, 'open', 1, @runId, @at, @at)
       ON CONFLICT (id) DO UPDATE SET business_date = excluded.business_date, tender_id = excluded.tender_id, sale_id = excluded.sale_id, refund_id = excluded.refund_id,
         merchant_order_no = excluded.merchant_order_no, expected_fen = excluded.expected_fen, statement_fen = excluded.statement_fen, detail = excluded.detail,
         present = 1, run_id = excluded.run_id, last_seen_at = excluded.last_seen_at`,
    );
    for (const a of report.anomalies) {
      upsert.run({
        id: a.id,
        day,
        channel,
        kind: a.kind,
        tenderId: a.tenderId ?? null,
        saleId: a.saleId ?? null,
        refundId: a.refundId ?? null,
        orderNo: a.merchantOrderNo ?? null,
        expectedFen: a.expectedFen ?? null,
        statementFen: a.statementFen.reduce((x, y) => x + y, 0),
        detail: JSON.stringify(a),
        runId,
        at: meta.ranAt,
      });
    }
    this.db
      .prepare("DELETE FROM anomaly WHERE business_date = ? AND channel = ? AND present = 0 AND status = 'open'")
      .run(day, channel);
    return runId;
  }

  runs(day: string, channel?: StatementChannel): ReconciliationRunRecord[] {
    const rows = this.db
      .prepare(
        'SELECT * FROM reconciliation_run WHERE business_date = ? AND (? IS NULL OR channel = ?) ORDER BY channel',
      )
      .all(day, channel ?? null, channel ?? null) as RunRow[];
    return rows.map(toRun);
  }

  anomalies(filter: {
    status?: AnomalyStatus;
    date?: string;
    channel?: StatementChannel;
    limit: number;
  }): AnomalyRecord[] {
    const rows = this.db
      .prepare(
        `${ANOMALY_SELECT} WHERE (@status IS NULL OR a.status = @status) AND (@date IS NULL OR a.business_date = @date) AND (@channel IS NULL OR a.channel = @channel)
         ORDER BY a.business_date DESC, a.id LIMIT @limit`,
      )
      .all({
        status: filter.status ?? null,
        date: filter.date ?? null,
        channel: filter.channel ?? null,
        limit: filter.limit,
      }) as AnomalyRow[];
    return rows.map(toAnomaly);
  }

  /** How many anomalies of a day the latest runs report, by channel and status (counted here, not listed: a day can have a million). */
  presentCounts(day: string, channel?: StatementChannel): Map<StatementChannel, Record<AnomalyStatus, number>> {
    const rows = this.db
      .prepare(
        'SELECT channel, status, count(*) FROM anomaly WHERE business_date = ? AND (? IS NULL OR channel = ?) AND present = 1 GROUP BY channel, status',
      )
      .raw(true)
      .all(day, channel ?? null, channel ?? null) as [StatementChannel, AnomalyStatus, number][];
    const counts = new Map<StatementChannel, Record<AnomalyStatus, number>>();
    for (const [ch, status, n] of rows) {
      const c = counts.get(ch) ?? { open: 0, resolved: 0 };
      c[status] = n;
      counts.set(ch, c);
    }
    return counts;
  }

  anomaly(id: string): AnomalyRecord | undefined {
    const row = this.db.prepare(`${ANOMALY_SELECT} WHERE a.id = ?`).get(id) as AnomalyRow | undefined;
    return row && toAnomaly(row);
  }

  /** Records a resolution and closes the anomaly. Call inside a transaction. */
  resolve(anomalyId: string, r: Omit<AnomalyResolutionRecord, 'id'>): number {
    const id = Number(
      this.db
        .prepare(
          'INSERT INTO anomaly_resolution (anomaly_id, action, sale_id, note, outcome, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(anomalyId, r.action, r.saleId ?? null, r.note, JSON.stringify(r.outcome), r.actor, r.at).lastInsertRowid,
    );
    this.db.prepare("UPDATE anomaly SET status = 'resolved' WHERE id = ?").run(anomalyId);
    return id;
  }
}
