import { topUp, type StoredValueEntry } from '../../core/loyalty/index.ts';
import type { Result } from '../../core/result.ts';
import type { Loyalty } from './loyalty.ts';
import type { LoyaltyTime } from './loyalty-time.ts';

/**
 * A refund of a cash, card or QR payment that a supervisor sends to the member's stored value
 * instead (`refundTo: 'stored_value'`): credited as principal with no bonus (a top-up without a
 * rule, `ref` = the refund tender), since it is the customer's own money and stays refundable in
 * cash. Opens the account if the member has none. Inside the refund's transaction.
 */
export function creditRefundToBalance(
  l: Loyalty,
  t: LoyaltyTime,
  input: { memberId: string; amountFen: number; refundTenderId: string },
): Result<StoredValueEntry> {
  l.stores.storedValue.open(input.memberId, t.at);
  const storeId = l.ctx.repos.store.get()!.id;
  const sequence = l.stores.counters.peek('stored_value');
  const r = topUp(
    { storeId, sequence, at: t.at },
    { accountId: input.memberId, amountFen: input.amountFen, ref: input.refundTenderId },
  );
  if (!r.ok) return r;
  l.stores.counters.reserve('stored_value');
  l.stores.storedValue.append(sequence, r.value, t.date);
  return r;
}
