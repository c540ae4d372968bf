import { hashPassword, verifyPassword } from '../../adapters/crypto/password-hasher.ts';
import { inResultTransaction } from '../../adapters/sqlite/database.ts';
import type { TenderRecord } from '../../adapters/sqlite/sale.repository.ts';
import {
  attemptPin,
  liabilityByDay,
  payWithBalance,
  refundToBalance,
  topUp,
  type EntryContext,
  type StoredValueEntry,
} from '../../core/loyalty/index.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Loyalty } from './loyalty-stores.ts';
import { loyaltyTime, type LoyaltyTime } from './loyalty-time.ts';
import { SaleRefused } from './sale-refused.ts';

const PIN = /^\d{6}$/;

function writeEntry<C extends string>(
  l: Loyalty,
  t: LoyaltyTime,
  command: (c: EntryContext) => Result<StoredValueEntry, C>,
  tenderKind: string | null = null,
): Result<StoredValueEntry, C> {
  const storeId = l.ctx.repos.store.get()!.id;
  const sequence = l.stores.counters.peek('stored_value');
  const r = command({ storeId, sequence, at: t.at });
  if (!r.ok) return r;
  l.stores.counters.reserve('stored_value');
  l.stores.storedValue.append(sequence, r.value, t.date, tenderKind);
  return r;
}

/** Sets (or changes) the 6-digit payment PIN; only its scrypt hash is kept. Opens the account if needed. */
export async function setStoredValuePin(
  l: Loyalty,
  memberId: string,
  pin: string,
): Promise<Result<{ memberId: string }>> {
  if (!PIN.test(pin)) return err('STORED_VALUE_PIN_FORMAT', 'pin');
  if (!l.stores.members.byId(memberId)) return err('MEMBER_NOT_FOUND', 'memberId');
  const hash = await hashPassword(pin);
  l.ctx.db
    .transaction(() => {
      l.stores.storedValue.open(memberId, loyaltyTime(l.ctx).at);
      l.stores.storedValue.setPinHash(memberId, hash);
    })
    .immediate();
  return ok({ memberId });
}

export type TopUpInput = {
  memberId: string;
  amountFen: number;
  tenderKind: 'cash' | 'card' | 'alipay' | 'wechat' | 'unionpay';
  ref?: string;
};

/** 充值: principal as paid, bonus by the top-up rule (充100送20), one entry. */
export function topUpStoredValue(
  l: Loyalty,
  input: TopUpInput,
): Result<{ entry: StoredValueEntry; balance: { principalFen: number; bonusFen: number } }> {
  if (!l.stores.members.byId(input.memberId)) return err('MEMBER_NOT_FOUND', 'memberId');
  const t = loyaltyTime(l.ctx);
  // a refused amount rolls back the account it opened
  return inResultTransaction(l.ctx.db, () => {
    l.stores.storedValue.open(input.memberId, t.at);
    const r = writeEntry(
      l,
      t,
      (c) =>
        topUp(c, {
          accountId: input.memberId,
          amountFen: input.amountFen,
          rule: l.program.config().storedValue.topUp,
          ...(input.ref ? { ref: input.ref } : {}),
        }),
      input.tenderKind,
    );
    if (!r.ok) return r;
    const a = l.stores.storedValue.account(input.memberId)!;
    return ok({ entry: r.value, balance: { principalFen: a.principalFen, bonusFen: a.bonusFen } });
  });
}

/**
 * The lane's PIN check before a stored-value tender: wrong tries are counted (and persisted) even
 * though the sale does not complete; the 5th locks the account for 30 minutes.
 */
export async function checkStoredValuePin(
  l: Loyalty,
  memberId: string,
  pin: string,
): Promise<Result<{ availableFen: number }>> {
  const account = l.stores.storedValue.account(memberId);
  if (!account || account.pinHash === null) return err('STORED_VALUE_NO_ACCOUNT', 'memberId');
  const matches = PIN.test(pin) && (await verifyPassword(pin, account.pinHash));
  const now = l.ctx.clock.now().getTime();
  // deliberately commits on a refusal: the wrong try counted is the lockout, not a half-written record
  return l.ctx.db
    .transaction((): Result<{ availableFen: number }> => {
      const fresh = l.stores.storedValue.account(memberId)!;
      const attempt = attemptPin(fresh.pin, { pinMatches: matches, nowMs: now }, l.program.config().storedValue.pin);
      l.stores.storedValue.setPinState(memberId, attempt.state);
      if (!attempt.result.ok) return attempt.result;
      return ok({ availableFen: fresh.principalFen + fresh.bonusFen });
    })
    .immediate();
}

/** At sale commit: one pay entry per stored-value tender, checked against the ledger inside the transaction. */
export function payStoredValueTenders(
  l: Loyalty,
  t: LoyaltyTime,
  memberId: string,
  tenders: readonly TenderRecord[],
  saleId: string,
): void {
  for (const tender of tenders) {
    if (tender.kind !== 'stored_value') continue;
    const r = writeEntry(l, t, (c) =>
      payWithBalance(l.stores.storedValue.entries(memberId), c, {
        accountId: memberId,
        amountFen: tender.amountFen,
        ref: tender.id,
      }),
    );
    if (!r.ok) throw new SaleRefused(r.code, 'tenders', { ...r.params, saleId });
  }
}

/** Refund to balance, into the buckets the payment drew from (the returns use case calls this inside its transaction). */
export function refundStoredValue(
  l: Loyalty,
  input: { memberId: string; tenderId: string; amountFen: number; refundId: string },
): Result<StoredValueEntry> {
  const t = loyaltyTime(l.ctx);
  const pay = l.stores.storedValue.byRef(input.tenderId).find((e) => e.kind === 'pay');
  if (!pay) return err('LOYALTY_REFUND_EXCEEDS_PAYMENT', 'tenderId');
  return writeEntry(l, t, (c) =>
    refundToBalance(l.stores.storedValue.entries(input.memberId), c, {
      accountId: input.memberId,
      payEntryId: pay.id,
      amountFen: input.amountFen,
      ref: input.refundId,
    }),
  );
}

/** 储值负债 by business day: movements and closing balances per bucket. */
export function storedValueLiability(l: Loyalty, throughDate: string) {
  return liabilityByDay(l.stores.storedValue.entriesThrough(throughDate));
}
