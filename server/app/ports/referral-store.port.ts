import type { ReferralReward } from '../../core/loyalty/index.ts';

/** Referral links between members and their rewards (ReferralRepository). */
export interface ReferralStore {
  insert(r: ReferralReward): void;
  /** The history the caps are counted on. */
  ofBeneficiaries(ids: readonly string[]): ReferralReward[];
}
