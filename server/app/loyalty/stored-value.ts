import { hashPassword, verifyPassword } from '../../adapters/crypto/password-hasher.ts';
import { inResultTransaction } from '../../adapters/sqlite/database.ts';
import type { TenderRecord } from '../../adapters/sqlite/sale.repository.ts';
import {
  attemptPin,
  liabilityByDay,
  payWithBalance,
  refundToBalance,
  storedValuePinChangedNotice,
  topUp,
  type EntryContext,
  type StoredValueEntry,
} from '../../core/loyalty/index.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { notify, storeName } from './loyalty-ledger.ts';
import type { Loyalty } from './loyalty.ts';
import { loyaltyTime, type LoyaltyTime } from './loyalty-time.ts';
import { SaleRefused } from './sale-refused.ts';
import { approvingStaff } from '../staff/staff-approval.ts';
import { roleAllows, type Role } from '../../core/staff/role.ts';

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

export type PinChange = {
  memberId: string;
  pin: string;
  /** the member's current PIN: a change the member makes */
  oldPin?: string;
  /** who is at the screen */
  staff: { username: string; role: Role };
  /** a supervisor's (or, by the store setting, a manager's) credentials typed in for a reset */
  supervisor?: { username: string; password: string };
};
export type PinChanged = { memberId: string; authorisedBy: 'first_pin' | 'old_pin' | 'supervisor' };

/**
 * Sets or changes the 6-digit payment PIN; only its scrypt hash is kept. The first PIN of an account
 * holding no money needs nothing more. Replacing a PIN, or setting one on an account that already
 * holds money, needs the old PIN (a wrong one counts towards the lane's lockout) or the approval of
 * a supervisor (store setting `storedValuePinReset`: or only a manager), whose own session counts.
 * Changes and resets are rate limited per member and per staff and audited (never the PIN) in the
 * transaction that writes the hash: a balance spent after a reset the member did not make has that
 * row, naming who reset it, as its trace.
 */
export async function setStoredValuePin(l: Loyalty, input: PinChange): Promise<Result<PinChanged>> {
  const { memberId, staff } = input;
  if (!PIN.test(input.pin)) return err('STORED_VALUE_PIN_FORMAT', 'pin');
  if (!l.stores.members.byId(memberId)) return err('MEMBER_NOT_FOUND', 'memberId');
  const account = l.stores.storedValue.account(memberId);
  const first = !account || (account.pinHash === null && account.principalFen + account.bonusFen === 0);
  const nowMs = l.ctx.clock.now().getTime();
  let authorisedBy: PinChanged['authorisedBy'] = 'first_pin';
  let approver = staff.username;
  if (!first) {
    const wait = l.pinResets.retryAfterSeconds(memberId, staff.username, nowMs);
    if (wait > 0) return err('STORED_VALUE_PIN_RESET_THROTTLED', 'memberId', { seconds: wait });
    l.pinResets.recordFailure(memberId, staff.username, nowMs); // every attempt counts, granted or not
    const required: Role =
      l.ctx.repos.store.get()!.settings.storedValuePinReset === 'oldPinOrManager' ? 'manager' : 'supervisor';
    if (input.oldPin !== undefined && account!.pinHash !== null) {
      const checked = await checkStoredValuePin(l, memberId, input.oldPin);
      if (!checked.ok)
        return checked.code === 'LOYALTY_PIN_WRONG' ? err(checked.code, 'oldPin', checked.params) : checked;
      authorisedBy = 'old_pin';
    } else if (roleAllows(staff.role, required) && input.supervisor === undefined) {
      authorisedBy = 'supervisor';
    } else {
      if (input.supervisor === undefined) return err('STORED_VALUE_PIN_RESET_UNAUTHORISED', 'oldPin', { required });
      const approved = await approvingStaff(l.ctx, input.supervisor, required);
      if (!approved) return err('STORED_VALUE_PIN_RESET_UNAUTHORISED', 'supervisor', { required });
      authorisedBy = 'supervisor';
      approver = approved;
    }
  }
  const hash = await hashPassword(input.pin);
  const at = loyaltyTime(l.ctx).at;
  l.ctx.db
    .transaction(() => {
      l.stores.storedValue.open(memberId, at);
      l.stores.storedValue.setPinHash(memberId, hash);
      l.ctx.repos.audit.append({
        at,
        actor: approver,
        action:
          authorisedBy === 'first_pin'
            ? 'stored_value.pin_set'
            : authorisedBy === 'old_pin'
              ? 'stored_value.pin_changed'
              : 'stored_value.pin_reset',
        subject: memberId,
        detail: { authorisedBy, cashier: staff.username },
      });
      // the member hears of every change, so a reset they did not make does not go unnoticed
      if (authorisedBy !== 'first_pin')
        notify(l, storedValuePinChangedNotice({ memberId, at, storeName: storeName(l), authorisedBy }));
    })
    .immediate();
  return ok({ memberId, authorisedBy });
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
