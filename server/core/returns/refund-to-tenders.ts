import type { Fen } from '../money/index.ts';
import { err, ok, type Result } from '../result.ts';
import type { TenderKind } from '../payments/tender.ts';

/** A tender of the sale with what it paid (cash net of change) and what earlier refunds already took back. */
export type PaidTender = {
  readonly id: string;
  readonly seq: number;
  readonly kind: TenderKind;
  readonly paidFen: Fen;
  readonly refundedFen: Fen;
};

export type TenderRefund = { readonly tenderId: string; readonly kind: TenderKind; readonly amountFen: Fen };

/**
 * What each tender actually paid: change comes out of the cash tenders, the last one first
 * (change is only ever given from cash).
 */
export function paidAmounts(
  tenders: ReadonlyArray<{ id: string; seq: number; kind: TenderKind; amountFen: Fen }>,
  changeFen: Fen,
): Array<{ id: string; seq: number; kind: TenderKind; paidFen: Fen }> {
  let change = changeFen;
  const paid = tenders.map((t) => ({ id: t.id, seq: t.seq, kind: t.kind, paidFen: t.amountFen }));
  for (let i = paid.length - 1; i >= 0 && change > 0; i--) {
    if (paid[i].kind !== 'cash') continue;
    const take = Math.min(change, paid[i].paidFen);
    paid[i] = { ...paid[i], paidFen: paid[i].paidFen - take };
    change -= take;
  }
  return paid;
}

/**
 * 原路退回: the refund goes back to the sale's own tenders. Electronic tenders are refilled first,
 * the last paid first, and cash last (the drawer pays out only what the wallets cannot take);
 * each tender takes at most what it paid minus what was refunded to it already. Filling in a
 * fixed order keeps the split exact and monotone: a run of partial refunds never takes back more
 * from a tender than it paid, and all of them together return each tender exactly.
 */
export function refundToTenders(
  tenders: readonly PaidTender[],
  amountFen: Fen,
): Result<TenderRefund[], 'RETURN_EXCEEDS_PAID'> {
  const order = [...tenders].sort((a, b) => Number(a.kind === 'cash') - Number(b.kind === 'cash') || b.seq - a.seq);
  const available = order.reduce((s, t) => s + t.paidFen - t.refundedFen, 0);
  if (amountFen > available) return err('RETURN_EXCEEDS_PAID', 'lines', { amountFen, availableFen: available });
  const out: TenderRefund[] = [];
  let left = amountFen;
  for (const t of order) {
    if (left === 0) break;
    const take = Math.min(left, t.paidFen - t.refundedFen);
    if (take > 0) out.push({ tenderId: t.id, kind: t.kind, amountFen: take });
    left -= take;
  }
  return ok(out);
}
