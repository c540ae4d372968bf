import type { Fen } from '../../money/index.ts';
import { localDateOf, type IsoDate } from '../calendar.ts';
import type { StoredValueEntry } from './stored-value-entry.ts';

/** One business day of the 储值 liability: movements by bucket and the closing balances. */
export type LiabilityDay = {
  readonly date: IsoDate;
  readonly toppedUpPrincipalFen: Fen;
  readonly toppedUpBonusFen: Fen;
  readonly paidPrincipalFen: Fen;
  readonly paidBonusFen: Fen;
  readonly refundedPrincipalFen: Fen;
  readonly refundedBonusFen: Fen;
  readonly closingPrincipalFen: Fen;
  readonly closingBonusFen: Fen;
};

/** Liability by day from the entries of any accounts (principal is owed in cash; bonus is not). */
export function liabilityByDay(entries: readonly StoredValueEntry[]): LiabilityDay[] {
  const days = new Map<IsoDate, { tp: Fen; tb: Fen; pp: Fen; pb: Fen; rp: Fen; rb: Fen }>();
  for (const e of entries) {
    const date = localDateOf(e.at);
    let d = days.get(date);
    if (!d) days.set(date, (d = { tp: 0, tb: 0, pp: 0, pb: 0, rp: 0, rb: 0 }));
    if (e.kind === 'topup') {
      d.tp += e.principalFen;
      d.tb += e.bonusFen;
    } else if (e.kind === 'pay') {
      d.pp -= e.principalFen;
      d.pb -= e.bonusFen;
    } else {
      d.rp += e.principalFen;
      d.rb += e.bonusFen;
    }
  }
  let principal = 0;
  let bonus = 0;
  return [...days.keys()].sort().map((date) => {
    const d = days.get(date)!;
    principal += d.tp - d.pp + d.rp;
    bonus += d.tb - d.pb + d.rb;
    return {
      date,
      toppedUpPrincipalFen: d.tp,
      toppedUpBonusFen: d.tb,
      paidPrincipalFen: d.pp,
      paidBonusFen: d.pb,
      refundedPrincipalFen: d.rp,
      refundedBonusFen: d.rb,
      closingPrincipalFen: principal,
      closingBonusFen: bonus,
    };
  });
}
