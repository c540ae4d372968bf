import { err, ok, type Result } from '../result.ts';
import type { Fen } from '../money/index.ts';
import { isSettled, type Tender, type TenderKind } from './tender.ts';

export type TenderTotals = {
  readonly dueFen: Fen;
  /** settled tenders only */
  readonly tenderedFen: Fen;
  readonly cashFen: Fen;
  readonly remainingFen: Fen;
  /** change is only ever given from cash */
  readonly changeFen: Fen;
  /** tenders whose result the channel has not yet given */
  readonly unsettled: number;
};

export function tenderTotals(dueFen: Fen, tenders: readonly Tender[]): TenderTotals {
  let tendered = 0;
  let cash = 0;
  let unsettled = 0;
  for (const t of tenders) {
    if (!isSettled(t)) {
      unsettled++;
      continue;
    }
    tendered += t.amountFen;
    if (t.kind === 'cash') cash += t.amountFen;
  }
  return {
    dueFen,
    tenderedFen: tendered,
    cashFen: cash,
    remainingFen: Math.max(0, dueFen - tendered),
    changeFen: Math.min(cash, Math.max(0, tendered - dueFen)),
    unsettled,
  };
}

export type TenderCheckError = 'PAYMENT_IN_PROGRESS' | 'PAYMENT_NOTHING_DUE' | 'PAYMENT_EXCEEDS_DUE';

/**
 * May this tender be added now? Nothing while another payment's result is unknown (it may have
 * taken the money); cash may exceed what remains (change is given), any other tender may not.
 * Returns the amount to take: a QR tender without an amount takes what remains.
 */
export function checkNewTender(
  dueFen: Fen,
  tenders: readonly Tender[],
  kind: TenderKind,
  amountFen: Fen | undefined,
): Result<Fen, TenderCheckError> {
  const totals = tenderTotals(dueFen, tenders);
  if (totals.unsettled > 0) return err('PAYMENT_IN_PROGRESS', 'cart');
  if (totals.remainingFen === 0) return err('PAYMENT_NOTHING_DUE', 'cart');
  const amount = amountFen ?? totals.remainingFen;
  if (kind !== 'cash' && amount > totals.remainingFen)
    return err('PAYMENT_EXCEEDS_DUE', 'amountFen', { remainingFen: totals.remainingFen });
  return ok(amount);
}

export type CompletionError = 'PAYMENT_IN_PROGRESS' | 'SALE_UNDERPAID' | 'PAYMENT_CHANGE_NOT_CASH';

/** A sale completes only when settled tenders cover the due and any change can come out of the cash. */
export function checkCompletion(
  dueFen: Fen,
  tenders: readonly Tender[],
): Result<{ tenderedFen: Fen; changeFen: Fen }, CompletionError> {
  const totals = tenderTotals(dueFen, tenders);
  if (totals.unsettled > 0) return err('PAYMENT_IN_PROGRESS', 'cart');
  if (totals.tenderedFen < dueFen) return err('SALE_UNDERPAID', 'tenders', { dueFen, tenderedFen: totals.tenderedFen });
  const over = totals.tenderedFen - dueFen;
  if (over > totals.cashFen) return err('PAYMENT_CHANGE_NOT_CASH', 'tenders', { overFen: over - totals.cashFen });
  return ok({ tenderedFen: totals.tenderedFen, changeFen: over });
}
