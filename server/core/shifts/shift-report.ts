import type { Fen } from '../money/index.ts';
import type { TenderKind } from '../payments/tender.ts';

/** The cash that went through a drawer during a shift. */
export type CashFlows = {
  readonly floatFen: Fen;
  /** cash tendered by customers (before change) */
  readonly cashTakenFen: Fen;
  readonly changeGivenFen: Fen;
  readonly cashRefundsFen: Fen;
  readonly payInsFen: Fen;
  readonly payOutsFen: Fen;
};

/** float + cash taken − change given − cash refunds + pay-ins − pay-outs */
export function expectedCash(f: CashFlows): Fen {
  return f.floatFen + f.cashTakenFen - f.changeGivenFen - f.cashRefundsFen + f.payInsFen - f.payOutsFen;
}

export type ShiftActivity = {
  readonly shiftId: string;
  readonly laneId: string;
  readonly cashier: string;
  readonly openedAt: string;
  readonly cash: CashFlows;
  readonly sales: { readonly count: number; readonly grossFen: Fen; readonly discountFen: Fen; readonly dueFen: Fen };
  readonly refunds: { readonly count: number; readonly refundFen: Fen };
  /** what each tender kind took (cash net of change) and gave back */
  readonly tenders: ReadonlyArray<{ readonly kind: TenderKind; readonly takenFen: Fen; readonly refundedFen: Fen }>;
};

/** X (mid-shift, changes nothing) or Z (closing, with the count). */
export type ShiftReport = ShiftActivity & {
  readonly kind: 'X' | 'Z';
  readonly at: string;
  readonly expectedCashFen: Fen;
  /** net takings: sales due − refunds */
  readonly netSalesFen: Fen;
  readonly count?: { readonly countedFen: Fen; readonly overShortFen: Fen };
};

/**
 * The report figures. Over/short is counted − expected, kept as it is (positive over, negative
 * short): a shift is never balanced by writing the difference away.
 */
export function shiftReport(activity: ShiftActivity, at: string, countedFen?: Fen): ShiftReport {
  const expected = expectedCash(activity.cash);
  const base = {
    ...activity,
    at,
    expectedCashFen: expected,
    netSalesFen: activity.sales.dueFen - activity.refunds.refundFen,
  };
  return countedFen === undefined
    ? { ...base, kind: 'X' }
    : { ...base, kind: 'Z', count: { countedFen, overShortFen: countedFen - expected } };
}
