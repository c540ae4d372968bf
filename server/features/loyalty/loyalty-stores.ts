import type { Db } from '../../adapters/sqlite/database.ts';
import { CouponRepository } from '../../adapters/sqlite/coupon.repository.ts';
import { FissionRepository } from '../../adapters/sqlite/fission.repository.ts';
import { LoyaltyCampaignRepository } from '../../adapters/sqlite/loyalty-campaign.repository.ts';
import { LoyaltyConfigRepository } from '../../adapters/sqlite/loyalty-config.repository.ts';
import { LoyaltyCounterRepository } from '../../adapters/sqlite/loyalty-counter.repository.ts';
import { MemberSaleRepository } from '../../adapters/sqlite/member-sale.repository.ts';
import { MemberCategorySpendRepository } from '../../adapters/sqlite/member-category-spend.repository.ts';
import { MemberTierRepository } from '../../adapters/sqlite/member-tier.repository.ts';
import { MemberRepository } from '../../adapters/sqlite/member.repository.ts';
import { PointsReminderRepository } from '../../adapters/sqlite/points-reminder.repository.ts';
import { PointsRepository } from '../../adapters/sqlite/points.repository.ts';
import { ReferralRepository } from '../../adapters/sqlite/referral.repository.ts';
import { StoredValueRepository } from '../../adapters/sqlite/stored-value.repository.ts';
import { LoginThrottle } from '../../app/auth/login-throttle.ts';
import type { Loyalty, LoyaltyStores } from '../../app/loyalty/loyalty.ts';
import { LoyaltyProgram } from '../../app/loyalty/loyalty-program.ts';
import type { BoxContext } from '../store-context.ts';

/**
 * The login throttle's two sliding windows, keyed by member ("user") and by the staff at the screen
 * ("address"): 3 changes of one member's PIN and 10 by one staff per hour, refused ones included,
 * so nobody walks the sequential member ids resetting PINs. In memory, like the login throttle.
 */
const PIN_RESET_LIMITS = { perUser: 3, perAddress: 10, windowMs: 3_600_000 };

/** The loyalty tables over the store's database, the programme and the PIN-reset throttle. */
export function createLoyalty(ctx: BoxContext): Loyalty {
  const db: Db = ctx.db;
  const stores: LoyaltyStores = {
    members: new MemberRepository(db),
    tiers: new MemberTierRepository(db),
    sales: new MemberSaleRepository(db),
    points: new PointsRepository(db),
    coupons: new CouponRepository(db),
    storedValue: new StoredValueRepository(db),
    referrals: new ReferralRepository(db),
    counters: new LoyaltyCounterRepository(db),
    campaigns: new LoyaltyCampaignRepository(db),
    config: new LoyaltyConfigRepository(db),
    categorySpend: new MemberCategorySpendRepository(db),
    pointsReminders: new PointsReminderRepository(db),
    fission: new FissionRepository(db),
  };
  return { ctx, stores, program: new LoyaltyProgram(stores.config), pinResets: new LoginThrottle(PIN_RESET_LIMITS) };
}
