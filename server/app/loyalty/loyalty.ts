import type { LoginThrottle } from '../auth/login-throttle.ts';
import type { CouponStore } from '../ports/coupon-store.port.ts';
import type { FissionStore } from '../ports/fission-store.port.ts';
import type { LoyaltyCampaignStore } from '../ports/loyalty-campaign-store.port.ts';
import type { LoyaltyConfigStore } from '../ports/loyalty-config-store.port.ts';
import type { LoyaltyCounterStore } from '../ports/loyalty-counter-store.port.ts';
import type { MemberCategorySpendStore } from '../ports/member-category-spend-store.port.ts';
import type { MemberSaleStore } from '../ports/member-sale-store.port.ts';
import type { MemberTierStore } from '../ports/member-tier-store.port.ts';
import type { MemberStore } from '../ports/member-store.port.ts';
import type { PointsReminderStore } from '../ports/points-reminder-store.port.ts';
import type { PointsStore } from '../ports/points-store.port.ts';
import type { ReferralStore } from '../ports/referral-store.port.ts';
import type { StoredValueStore } from '../ports/stored-value-store.port.ts';
import type { StoreContext } from '../store-context.ts';
import type { LoyaltyProgram } from './loyalty-program.ts';

/** The loyalty tables, as the ports the use cases need (the SQLite repositories implement them). */
export type LoyaltyStores = {
  members: MemberStore;
  tiers: MemberTierStore;
  sales: MemberSaleStore;
  points: PointsStore;
  coupons: CouponStore;
  storedValue: StoredValueStore;
  referrals: ReferralStore;
  counters: LoyaltyCounterStore;
  campaigns: LoyaltyCampaignStore;
  config: LoyaltyConfigStore;
  categorySpend: MemberCategorySpendStore;
  pointsReminders: PointsReminderStore;
  fission: FissionStore;
};

/**
 * What every loyalty use case receives: the store context, the loyalty stores and the programme.
 * The composition root builds it (createLoyalty).
 */
export type Loyalty = {
  readonly ctx: StoreContext;
  readonly stores: LoyaltyStores;
  readonly program: LoyaltyProgram;
  /** stored-value PIN changes and resets per member and per staff (stored-value.ts) */
  readonly pinResets: LoginThrottle;
};
