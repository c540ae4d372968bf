import type { PinState, StoredValueEntry } from '../../core/loyalty/index.ts';
import type { Db } from './database.ts';
import type { StoredValueAccount, StoredValueStore } from '../../app/ports/stored-value-store.port.ts';

export type { StoredValueAccount };

type AccountRow = {
  member_id: string;
  pin_hash: string | null;
  failed_attempts: number;
  locked_until_ms: number | null;
  principal_fen: number;
  bonus_fen: number;
  opened_at: string;
};
type EntryRow = {
  id: string;
  account_id: string;
  kind: StoredValueEntry['kind'];
  principal_fen: number;
  bonus_fen: number;
  at: string;
  ref: string | null;
  pay_entry_id: string | null;
  rule_id: string | null;
};

const toAccount = (r: AccountRow): StoredValueAccount => ({
  memberId: r.member_id,
  pinHash: r.pin_hash,
  pin: { failedAttempts: r.failed_attempts, lockedUntilMs: r.locked_until_ms },
  principalFen: r.principal_fen,
  bonusFen: r.bonus_fen,
  openedAt: r.opened_at,
});
const toEntry = (r: EntryRow): StoredValueEntry => ({
  id: r.id,
  accountId: r.account_id,
  kind: r.kind,
  principalFen: r.principal_fen,
  bonusFen: r.bonus_fen,
  at: r.at,
  ...(r.ref === null ? {} : { ref: r.ref }),
  ...(r.pay_entry_id === null ? {} : { payEntryId: r.pay_entry_id }),
  ...(r.rule_id === null ? {} : { ruleId: r.rule_id }),
});

/** 储值 accounts (balances cached, CHECK ≥ 0 per bucket) and their append-only liability ledger. */
export class StoredValueRepository implements StoredValueStore {
  private readonly s;
  constructor(db: Db) {
    this.s = {
      open: db.prepare(
        'INSERT INTO stored_value_account (member_id, opened_at) VALUES (?, ?) ON CONFLICT(member_id) DO NOTHING',
      ),
      account: db.prepare('SELECT * FROM stored_value_account WHERE member_id = ?'),
      setPinHash: db.prepare(
        'UPDATE stored_value_account SET pin_hash = ?, failed_attempts = 0, locked_until_ms = NULL WHERE member_id = ?',
      ),
      setPinState: db.prepare(
        'UPDATE stored_value_account SET failed_attempts = ?, locked_until_ms = ? WHERE member_id = ?',
      ),
      move: db.prepare(
        'UPDATE stored_value_account SET principal_fen = principal_fen + ?, bonus_fen = bonus_fen + ? WHERE member_id = ?',
      ),
      insert:
        db.prepare(`INSERT INTO stored_value_entry (seq, id, account_id, kind, principal_fen, bonus_fen, at, business_date, ref, pay_entry_id, rule_id, tender_kind)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      entries: db.prepare('SELECT * FROM stored_value_entry WHERE account_id = ? ORDER BY seq'),
      byRef: db.prepare('SELECT * FROM stored_value_entry WHERE ref = ? ORDER BY seq'),
      allEntries: db.prepare('SELECT * FROM stored_value_entry WHERE business_date <= ? ORDER BY business_date, seq'),
    };
  }

  open(memberId: string, at: string): void {
    this.s.open.run(memberId, at);
  }

  account(memberId: string): StoredValueAccount | undefined {
    const r = this.s.account.get(memberId) as AccountRow | undefined;
    return r && toAccount(r);
  }

  setPinHash(memberId: string, hash: string): void {
    this.s.setPinHash.run(hash, memberId);
  }

  setPinState(memberId: string, pin: PinState): void {
    this.s.setPinState.run(pin.failedAttempts, pin.lockedUntilMs, memberId);
  }

  /** Appends an entry and moves the cached buckets by it. */
  append(seq: number, e: StoredValueEntry, businessDate: string, tenderKind: string | null = null): void {
    this.s.insert.run(
      seq,
      e.id,
      e.accountId,
      e.kind,
      e.principalFen,
      e.bonusFen,
      e.at,
      businessDate,
      e.ref ?? null,
      e.payEntryId ?? null,
      e.ruleId ?? null,
      tenderKind,
    );
    this.s.move.run(e.principalFen, e.bonusFen, e.accountId);
  }

  entries(memberId: string): StoredValueEntry[] {
    return (this.s.entries.all(memberId) as EntryRow[]).map(toEntry);
  }

  byRef(ref: string): StoredValueEntry[] {
    return (this.s.byRef.all(ref) as EntryRow[]).map(toEntry);
  }

  entriesThrough(date: string): StoredValueEntry[] {
    return (this.s.allEntries.all(date) as EntryRow[]).map(toEntry);
  }
}
