import type { CouponRepository } from '../../adapters/sqlite/coupon.repository.ts';
import type { FissionRepository } from '../../adapters/sqlite/fission.repository.ts';
import type { LoyaltyCampaignRepository } from '../../adapters/sqlite/loyalty-campaign.repository.ts';
import type { LoyaltyConfigRepository } from '../../adapters/sqlite/loyalty-config.repository.ts';
import type { LoyaltyCounterRepository } from '../../adapters/sqlite/loyalty-counter.repository.ts';
import type { MemberSaleRepository } from '../../adapters/sqlite/member-sale.repository.ts';
import type { MemberCategorySpendRepository } from '../../adapters/sqlite/member-category-spend.repository.ts';
import type { MemberTierRepository } from '../../adapters/sqlite/member-tier.repository.ts';
import type { MemberRepository } from '../../adapters/sqlite/member.repository.ts';
import type { PointsReminderRepository } from '../../adapters/sqlite/points-reminder.repository.ts';
import type { PointsRepository } from '../../adapters/sqlite/points.repository.ts';
import type { ReferralRepository } from '../../adapters/sqlite/referral.repository.ts';
import type { StoredValueRepository } from '../../adapters/sqlite/stored-value.repository.ts';
import type { LoginThrottle } from '../auth/login-throttle.ts';
import type { StoreContext } from '../store-context.ts';
import type { LoyaltyProgram } from './loyalty-program.ts';

/** The loyalty tables; the loyalty feature module (server/features/loyalty) builds them. */
export type LoyaltyStores = {
  members: MemberRepository;
  tiers: MemberTierRepository;
  sales: MemberSaleRepository;
  points: PointsRepository;
  coupons: CouponRepository;
  storedValue: StoredValueRepository;
  referrals: ReferralRepository;
  counters: LoyaltyCounterRepository;
  campaigns: LoyaltyCampaignRepository;
  config: LoyaltyConfigRepository;
  categorySpend: MemberCategorySpendRepository;
  pointsReminders: PointsReminderRepository;
  fission: FissionRepository;
};

/** What every loyalty use case receives: the store context, the loyalty tables and the programme. */
export type Loyalty = {
  readonly ctx: StoreContext;
  readonly stores: LoyaltyStores;
  readonly program: LoyaltyProgram;
  /** stored-value PIN changes and resets per member and per staff (stored-value.ts) */
  readonly pinResets: LoginThrottle;
};
