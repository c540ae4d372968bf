import type { TierChange } from '../../core/loyalty/index.ts';

/** Member tier changes (MemberTierRepository). */
export interface MemberTierStore {
  /** Returns the row id (the change id in notifications). */
  insert(c: TierChange): number;
  ofMember(memberId: string): TierChange[];
}
