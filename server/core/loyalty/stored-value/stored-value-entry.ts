import type { Fen } from '../../money/index.ts';

export type StoredValueEntryKind = 'topup' | 'pay' | 'refund';

/**
 * One append-only row of the 储值 liability ledger. Principal (cash the member paid in) and bonus
 * (赠送 amount) are separate signed columns and never mix: a pay or refund moves each on its own.
 */
export type StoredValueEntry = {
  readonly id: string;
  readonly accountId: string;
  readonly kind: StoredValueEntryKind;
  readonly principalFen: Fen;
  readonly bonusFen: Fen;
  /** local ISO timestamp passed in */
  readonly at: string;
  /** the tender / top-up order this entry belongs to */
  readonly ref?: string;
  /** refund: the pay entry it gives back to */
  readonly payEntryId?: string;
  /** top-up: the rule that set the bonus */
  readonly ruleId?: string;
};

export type StoredValueBalance = { readonly principalFen: Fen; readonly bonusFen: Fen };

export function storedValueBalance(entries: readonly StoredValueEntry[]): StoredValueBalance {
  let principalFen = 0;
  let bonusFen = 0;
  for (const e of entries) {
    principalFen += e.principalFen;
    bonusFen += e.bonusFen;
  }
  return { principalFen, bonusFen };
}
