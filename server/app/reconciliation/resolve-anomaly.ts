import type { AnomalyRecord, ReconciliationStore, ResolutionAction } from '../ports/reconciliation-store.port.ts';
import type { AnomalyKind, StatementChannel } from '../../core/reconciliation/index.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { ReconciliationTenderStore } from '../ports/reconciliation-tender-store.port.ts';
import type { Transactions } from '../ports/transactions.port.ts';
import type { Repositories } from '../store-context.ts';

export const RESOLUTION_ACTIONS: readonly ResolutionAction[] = [
  'refund_orphan',
  'attach_to_sale',
  'accept',
  'mark_settled_late',
];

/** Which anomalies each action can close (accept — a write-off with a note — closes any). */
const APPLIES_TO: Readonly<Record<ResolutionAction, readonly AnomalyKind[] | 'any'>> = {
  refund_orphan: ['paid_without_order', 'duplicate_payment'],
  attach_to_sale: ['paid_without_order'],
  accept: 'any',
  mark_settled_late: ['order_without_payment', 'late_settlement', 'refund_mismatch'],
};

/**
 * Gives money the channel took for no order back to the payer (server/app/payments/orphan-refunds.ts,
 * wired in by the box). Its value is the outcome the resolution records: `refund: 'issued'`, or
 * `refund: 'intent_recorded'` when the box cannot refund it itself. An error leaves the anomaly open.
 * Without it the resolution records the intent only.
 */
export type OrphanRefund = (request: {
  readonly channel: StatementChannel;
  readonly merchantOrderNo: string;
  readonly channelTxnId?: string;
  readonly amountFen: number;
  /** the manager's note */
  readonly reason: string;
  readonly actor: string;
}) => Promise<Result<Record<string, unknown>>>;

export type ResolveAnomalyDeps = {
  readonly tx: Transactions;
  readonly runs: ReconciliationStore;
  readonly tenders: ReconciliationTenderStore;
  readonly audit: Repositories['audit'];
  readonly refundOrphan?: OrphanRefund;
};

export type ResolveAnomalyInput = {
  readonly anomalyId: string;
  readonly action: ResolutionAction;
  readonly note: string;
  readonly saleId?: string;
  readonly actor: string;
  readonly at: string;
};

export type ResolveAnomalyCode =
  'RECON_ANOMALY_NOT_FOUND' | 'RECON_ANOMALY_ALREADY_RESOLVED' | 'RECON_ACTION_NOT_APPLICABLE' | 'RECON_SALE_NOT_FOUND';

/** A manager closes an anomaly with a note and an action; the resolution row and its audit row commit together. */
export async function resolveAnomaly(
  deps: ResolveAnomalyDeps,
  input: ResolveAnomalyInput,
): Promise<Result<AnomalyRecord, string>> {
  const anomaly = deps.runs.anomaly(input.anomalyId);
  if (!anomaly) return err('RECON_ANOMALY_NOT_FOUND', 'id', { id: input.anomalyId });
  if (anomaly.status === 'resolved') return err('RECON_ANOMALY_ALREADY_RESOLVED', 'id', { id: anomaly.id });
  const applies = APPLIES_TO[input.action];
  if (applies !== 'any' && !applies.includes(anomaly.kind))
    return err('RECON_ACTION_NOT_APPLICABLE', 'action', { action: input.action, kind: anomaly.kind });

  let outcome: Record<string, unknown> = {};
  if (input.action === 'attach_to_sale') {
    if (!input.saleId || !deps.tenders.saleExists(input.saleId))
      return err('RECON_SALE_NOT_FOUND', 'saleId', { saleId: input.saleId ?? '' });
    outcome = { saleId: input.saleId };
  } else if (input.action === 'refund_orphan') {
    const d = anomaly.detail;
    const orderNo = d.merchantOrderNo ?? '';
    // the money to give back: the extra rows of a duplicate, the whole row(s) of an orphan
    const amountFen =
      anomaly.kind === 'duplicate_payment' ? d.statementFen.slice(1).reduce((a, b) => a + b, 0) : anomaly.statementFen;
    const payment = orderNo ? deps.tenders.payment(orderNo) : undefined;
    const request = {
      channel: anomaly.channel,
      merchantOrderNo: orderNo,
      amountFen,
      reason: input.note,
      ...(d.channelTxnIds[0] ? { channelTxnId: d.channelTxnIds[0] } : {}),
    };
    if (deps.refundOrphan) {
      const refunded = await deps.refundOrphan({ ...request, actor: input.actor });
      if (!refunded.ok) return refunded;
      outcome = refunded.value;
    } else {
      // no channel refund function is wired in: record what must be refunded, for someone to do by hand
      outcome = { refund: 'intent_recorded', ...request, ...(payment ? { paymentStatus: payment.status } : {}) };
    }
  }

  const recorded = deps.tx.run(() => {
    // another manager may have closed it while the channel refund was under way
    if (deps.runs.anomaly(anomaly.id)?.status !== 'open') return false;
    deps.runs.resolve(anomaly.id, {
      action: input.action,
      note: input.note,
      outcome,
      actor: input.actor,
      at: input.at,
      ...(input.saleId && input.action === 'attach_to_sale' ? { saleId: input.saleId } : {}),
    });
    deps.audit.append({
      at: input.at,
      actor: input.actor,
      action: 'reconciliation.anomaly.resolve',
      subject: anomaly.id,
      detail: { kind: anomaly.kind, action: input.action, note: input.note, outcome },
    });
    return true;
  });
  if (!recorded) return err('RECON_ANOMALY_ALREADY_RESOLVED', 'id', { id: anomaly.id });
  return ok(deps.runs.anomaly(anomaly.id)!);
}
