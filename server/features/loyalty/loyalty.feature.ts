import { campaignsRoutes } from '../../adapters/http/routes/campaigns.routes.ts';
import { couponsRoutes } from '../../adapters/http/routes/coupons.routes.ts';
import { fissionRoutes } from '../../adapters/http/routes/fission.routes.ts';
import { loyaltyRoutes } from '../../adapters/http/routes/loyalty.routes.ts';
import { membersRoutes } from '../../adapters/http/routes/members.routes.ts';
import { WorkerJobRunner } from '../../adapters/workers/worker-job-runner.ts';
import type { CouponDirectory, MemberDirectory } from '../../app/checkout/lane-service.ts';
import { loyaltyCouponDirectory } from '../../app/loyalty/coupon-directory.ts';
import { LoyaltyJobs } from '../../app/loyalty/loyalty-jobs.ts';
import { loyaltyRefundEffect } from '../../app/loyalty/loyalty-refund-effect.ts';
import { loyaltySaleEffect } from '../../app/loyalty/loyalty-sale-effect.ts';
import type { Loyalty } from '../../app/loyalty/loyalty.ts';
import { loyaltyMemberDirectory } from '../../app/members/member-directory.ts';
import type { BoxContext } from '../store-context.ts';
import type { Feature } from '../feature.ts';
import { createLoyalty } from './loyalty-stores.ts';

export type LoyaltyFeature = Feature & {
  readonly loyalty: Loyalty;
  readonly loyaltyJobs: LoyaltyJobs;
  /** members and coupons as the lanes and the quote endpoint see them */
  readonly members: MemberDirectory;
  readonly coupons: CouponDirectory;
};

/**
 * Loyalty and members (docs/loyalty.md): the programme, members, points, coupons, stored value, campaigns and
 * fission packets; its sale and refund effects (points earned and clawed back, coupons, stored value, member
 * spend). The nightly RFM/tags pass runs on a worker thread, off the lanes' event loop.
 */
export function loyaltyFeature(ctx: BoxContext): LoyaltyFeature {
  const loyalty = createLoyalty(ctx);
  const loyaltyJobs = new LoyaltyJobs(loyalty, ctx.log, new WorkerJobRunner(ctx.log.child({ svc: 'loyalty-jobs' })));
  return {
    name: 'loyalty',
    loyalty,
    loyaltyJobs,
    members: loyaltyMemberDirectory(loyalty),
    coupons: loyaltyCouponDirectory(loyalty),
    services: [loyaltyJobs],
    routes: [
      membersRoutes(loyalty),
      loyaltyRoutes(loyalty, loyaltyJobs),
      couponsRoutes(loyalty),
      campaignsRoutes(loyalty),
      fissionRoutes(loyalty),
    ],
    saleEffects: [loyaltySaleEffect(loyalty)],
    refundEffects: [loyaltyRefundEffect(loyalty)],
  };
}
