import type { Loyalty } from '../loyalty/loyalty.ts';
import type { StoreContext } from '../store-context.ts';
import { demoProducts } from './demo-catalog.ts';
import { demoPromotions } from './demo-promotions.ts';
import { seedDemoMembers } from '../members/demo-members.ts';

export const DEMO_LANES = [
  { id: 'L01', name: '1号收银台' },
  { id: 'L02', name: '2号收银台' },
  { id: 'L03', name: '3号收银台' },
];

/** The demo store's data beyond staff: lanes, the demo catalog and promotions. Runs inside first start's transaction. */
export function seedDemoStore(ctx: StoreContext, loyalty: Loyalty, at: string): void {
  for (const lane of DEMO_LANES) ctx.repos.lanes.insert(lane, at);
  for (const product of demoProducts()) ctx.repos.products.upsert(product, at);
  ctx.repos.products.bumpRevision();
  for (const promotion of demoPromotions()) ctx.repos.promotions.upsert(promotion.id, promotion, true, at, 'system');
  seedDemoMembers(loyalty, at);
}
