import type { Fen } from '../money/index.ts';
import type { Anomaly, AnomalyKind } from './anomaly.ts';
import type { StatementChannel, StatementTotals } from './statement-row.ts';

/** A succeeded tender whose payment the channel shows with the same amount. */
export type MatchedPayment = {
  readonly tenderId: string;
  readonly saleId: string;
  readonly channelTxnId: string;
  readonly amountFen: Fen;
  readonly feeFen: Fen;
  /** the statement day it appeared in; later than the tender's day when `late` */
  readonly statementDate: string;
  readonly late: boolean;
};

export type ReconciliationTotals = {
  /** succeeded tenders of the day */
  readonly tenderCount: number;
  readonly tenderFen: Fen;
  /** our refunds of the day */
  readonly refundCount: number;
  readonly refundFen: Fen;
  /** the day's statement (rows whose businessDate is the day): fees and net settlement */
  readonly statement: StatementTotals & { readonly rowCount: number };
  readonly matchedCount: number;
  readonly matchedFen: Fen;
  readonly anomalyCounts: Readonly<Record<AnomalyKind, number>>;
};

/** One business day and channel; deterministic: `matched` sorted by tenderId, `anomalies` by id. */
export type ReconciliationReport = {
  readonly channel: StatementChannel;
  readonly businessDate: string;
  readonly matched: readonly MatchedPayment[];
  readonly anomalies: readonly Anomaly[];
  readonly totals: ReconciliationTotals;
};
