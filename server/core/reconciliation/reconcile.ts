import type { Fen } from '../money/index.ts';
import { ANOMALY_KINDS, anomalyId } from './anomaly.ts';
import type { Anomaly, AnomalyKind, RefundMismatchReason } from './anomaly.ts';
import type { MatchedPayment, ReconciliationReport } from './reconciliation-report.ts';
import type { StatementChannel, StatementRow } from './statement-row.ts';
import type { ReconRefund, ReconTender } from './tender.ts';

export type ReconcileOptions = {
  readonly businessDate: string;
  readonly channel: StatementChannel;
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SEP = '\u0000';

/**
 * Match one business day's tenders of one channel against statement rows (single pass, Map-based).
 *
 * Pass the day's tenders plus the previous day's (so rows of the day that settle yesterday's sales
 * are recognised, not reported as orphans), and the statement rows of the day plus the next day
 * (so a sale settled a day late is found and flagged). Rows and tenders of other channels are ignored.
 * A row is matched to a tender by merchant order number, then by channel transaction id.
 * Payment anomalies belong to the day of their tender; rows without a tender to the day of their statement.
 */
export function reconcile(
  tenders: readonly ReconTender[],
  rows: readonly StatementRow[],
  options: ReconcileOptions,
): ReconciliationReport {
  const { businessDate: day, channel } = options;
  if (!ISO_DATE.test(day)) throw new RangeError(`businessDate must be YYYY-MM-DD, got ${day}`);

  const list: ReconTender[] = [];
  const byOrder = new Map<string, number>();
  const byTxn = new Map<string, number>();
  for (const t of tenders) {
    if (t.channel !== channel) continue;
    if (byOrder.has(t.tenderId)) throw new Error(`tender ${t.tenderId} passed twice`);
    byOrder.set(t.tenderId, list.length);
    if (t.channelTxnId) byTxn.set(t.channelTxnId, list.length);
    list.push(t);
  }

  const payRows: (StatementRow | undefined)[] = new Array(list.length);
  const extraPayRows = new Map<number, StatementRow[]>();
  const refundRows = new Map<string, { readonly tender: number; readonly rows: StatementRow[] }>();
  const orphanPayments = new Map<string, StatementRow[]>();
  const orphanRefunds = new Map<string, StatementRow[]>();
  const statement = {
    rowCount: 0,
    paymentCount: 0,
    paymentFen: 0,
    refundCount: 0,
    refundFen: 0,
    feeFen: 0,
    settledFen: 0,
  };

  for (const row of rows) {
    if (row.channel !== channel) continue;
    const ofDay = row.businessDate === day;
    if (ofDay) {
      statement.rowCount++;
      statement.feeFen += row.feeFen;
      if (row.kind === 'payment') {
        statement.paymentCount++;
        statement.paymentFen += row.amountFen;
        statement.settledFen += row.settledFen;
      } else {
        statement.refundCount++;
        statement.refundFen += row.amountFen;
        statement.settledFen -= row.settledFen;
      }
    }
    let idx = row.merchantOrderNo !== '' ? byOrder.get(row.merchantOrderNo) : undefined;
    if (idx === undefined && row.channelTxnId !== '') idx = byTxn.get(row.channelTxnId);
    if (row.kind === 'payment') {
      if (idx === undefined) {
        if (ofDay) push(orphanPayments, orderKey(row), row);
      } else if (payRows[idx] === undefined) {
        payRows[idx] = row;
      } else {
        push(extraPayRows, idx, row);
      }
    } else if (idx === undefined) {
      if (ofDay) push(orphanRefunds, orderKey(row) + SEP + refundKey(row), row);
    } else {
      const key = idx + SEP + refundKey(row);
      const group = refundRows.get(key);
      if (group) group.rows.push(row);
      else refundRows.set(key, { tender: idx, rows: [row] });
    }
  }

  const anomalies: Anomaly[] = [];
  const matched: MatchedPayment[] = [];
  let tenderCount = 0;
  let tenderFen = 0;
  let refundCount = 0;
  let refundFen = 0;
  let matchedFen = 0;

  const report = (
    kind: AnomalyKind,
    keys: readonly string[],
    group: readonly StatementRow[],
    extra: Partial<Anomaly>,
  ): void => {
    anomalies.push(describe(channel, day, kind, keys, group, extra));
  };

  for (let i = 0; i < list.length; i++) {
    const t = list[i];
    const first = payRows[i];
    if (t.businessDate === day) {
      const succeeded = t.status === 'succeeded';
      if (succeeded) {
        tenderCount++;
        tenderFen += t.amountFen;
      }
      const about = { tenderId: t.tenderId, saleId: t.saleId, expectedFen: t.amountFen };
      if (first === undefined) {
        if (succeeded) report('order_without_payment', [t.tenderId], [], about);
      } else {
        const extras = extraPayRows.get(i);
        const group = extras ? sortRows([first, ...extras]) : [first];
        const primary = group[0];
        if (!succeeded) {
          report('paid_without_order', [t.tenderId], group, { ...about, tenderStatus: t.status });
        } else {
          if (group.length > 1) report('duplicate_payment', [t.tenderId], group, about);
          if (primary.amountFen !== t.amountFen) {
            report('amount_mismatch', [t.tenderId], [primary], about);
          } else {
            matchedFen += t.amountFen;
            matched.push({
              tenderId: t.tenderId,
              saleId: t.saleId,
              channelTxnId: primary.channelTxnId,
              amountFen: t.amountFen,
              feeFen: primary.feeFen,
              statementDate: primary.businessDate,
              late: primary.businessDate > t.businessDate,
            });
          }
          if (primary.businessDate > t.businessDate) report('late_settlement', [t.tenderId], [primary], about);
        }
      }
    }
    for (const r of t.refunds) {
      const key = i + SEP + r.refundId;
      const found = refundRows.get(key);
      if (found) refundRows.delete(key);
      if (r.businessDate !== day) continue;
      refundCount++;
      refundFen += r.amountFen;
      checkRefund(t, r, found ? sortRows(found.rows) : [], report);
    }
  }

  // refund rows whose refund request number none of our refunds of that tender carries
  for (const { tender, rows: found } of refundRows.values()) {
    const group = sortRows(found);
    if (group[0].businessDate !== day) continue;
    const t = list[tender];
    const refundNo = refundKey(group[0]);
    report('refund_mismatch', [t.tenderId, refundNo, 'missing_in_store'], group, {
      tenderId: t.tenderId,
      saleId: t.saleId,
      refundId: refundNo,
      reason: 'missing_in_store',
    });
  }
  for (const [key, found] of orphanPayments) {
    report('paid_without_order', [key], sortRows(found), {});
  }
  for (const found of orphanRefunds.values()) {
    const group = sortRows(found);
    const refundNo = refundKey(group[0]);
    report('refund_mismatch', [orderKey(group[0]), refundNo, 'missing_in_store'], group, {
      refundId: refundNo,
      reason: 'missing_in_store',
    });
  }

  anomalies.sort((a, b) => compareText(a.id, b.id));
  matched.sort((a, b) => compareText(a.tenderId, b.tenderId));
  const anomalyCounts = Object.fromEntries(ANOMALY_KINDS.map((k) => [k, 0])) as Record<AnomalyKind, number>;
  for (const a of anomalies) anomalyCounts[a.kind]++;

  const { settledFen, ...statementCounts } = statement;
  return {
    channel,
    businessDate: day,
    matched,
    anomalies,
    totals: {
      tenderCount,
      tenderFen,
      refundCount,
      refundFen,
      statement: { ...statementCounts, netFen: settledFen - statement.feeFen },
      matchedCount: matched.length,
      matchedFen,
      anomalyCounts,
    },
  };
}

function checkRefund(
  t: ReconTender,
  r: ReconRefund,
  group: readonly StatementRow[],
  report: (kind: AnomalyKind, keys: readonly string[], group: readonly StatementRow[], extra: Partial<Anomaly>) => void,
): void {
  const about = { tenderId: t.tenderId, saleId: t.saleId, refundId: r.refundId, expectedFen: r.amountFen };
  const mismatch = (reason: RefundMismatchReason, rows: readonly StatementRow[]): void =>
    report('refund_mismatch', [t.tenderId, r.refundId, reason], rows, { ...about, reason });
  if (group.length === 0) {
    mismatch('missing_in_channel', group);
    return;
  }
  const primary = group[0];
  if (group.length > 1) mismatch('duplicate', group);
  if (primary.amountFen !== r.amountFen) mismatch('amount', [primary]);
  if (primary.businessDate > r.businessDate) report('late_settlement', [t.tenderId, r.refundId], [primary], about);
}

function describe(
  channel: StatementChannel,
  day: string,
  kind: AnomalyKind,
  keys: readonly string[],
  group: readonly StatementRow[],
  extra: Partial<Anomaly>,
): Anomaly {
  const statementFen: Fen[] = [];
  const statementDates: string[] = [];
  const lines: number[] = [];
  const channelTxnIds: string[] = [];
  for (const row of group) {
    statementFen.push(row.amountFen);
    statementDates.push(row.businessDate);
    lines.push(row.line);
    if (!channelTxnIds.includes(row.channelTxnId)) channelTxnIds.push(row.channelTxnId);
  }
  const merchantOrderNo = extra.tenderId ?? group[0]?.merchantOrderNo;
  return {
    id: anomalyId(channel, kind, keys),
    kind,
    channel,
    businessDate: day,
    ...extra,
    ...(merchantOrderNo ? { merchantOrderNo } : {}),
    channelTxnIds,
    statementFen,
    statementDates,
    lines,
  };
}

/** Orphans group by the order number the channel printed, or by its transaction id when there is none. */
function orderKey(row: StatementRow): string {
  return row.merchantOrderNo !== '' ? row.merchantOrderNo : 'txn=' + row.channelTxnId;
}

/** A refund row without our request number is keyed by when and how much, which stays stable across re-imports. */
function refundKey(row: StatementRow): string {
  return row.refundRequestNo ? row.refundRequestNo : `at=${row.occurredAt}/${row.amountFen}`;
}

function push<K>(map: Map<K, StatementRow[]>, key: K, row: StatementRow): void {
  const group = map.get(key);
  if (group) group.push(row);
  else map.set(key, [row]);
}

/** Earliest statement first, then file order: the first row is the one that counts, the rest are extra. */
function sortRows(group: StatementRow[]): StatementRow[] {
  return group.sort(
    (a, b) =>
      compareText(a.businessDate, b.businessDate) ||
      a.line - b.line ||
      compareText(a.channelTxnId, b.channelTxnId) ||
      a.amountFen - b.amountFen,
  );
}

/** Code-unit order, not locale order: the same on every machine and in the browser. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
