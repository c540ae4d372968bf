import type { PinState, StoredValueEntry } from '../../core/loyalty/index.ts';

export type StoredValueAccount = {
  memberId: string;
  pinHash: string | null;
  pin: PinState;
  principalFen: number;
  bonusFen: number;
  openedAt: string;
};

/** Stored-value (储值) accounts, their ledger and PINs (StoredValueRepository). */
export interface StoredValueStore {
  open(memberId: string, at: string): void;
  account(memberId: string): StoredValueAccount | undefined;
  setPinHash(memberId: string, hash: string): void;
  setPinState(memberId: string, pin: PinState): void;
  /** Appends an entry and moves the cached buckets by it. */
  append(seq: number, e: StoredValueEntry, businessDate: string, tenderKind?: string | null): void;
  entries(memberId: string): StoredValueEntry[];
  byRef(ref: string): StoredValueEntry[];
  entriesThrough(date: string): StoredValueEntry[];
}
