import type { StoreContext } from '../store-context.ts';

export const DEMO_LANES = [
  { id: 'L01', name: '1号收银台' },
  { id: 'L02', name: '2号收银台' },
  { id: 'L03', name: '3号收银台' },
];

/** The demo store's data beyond staff: lanes (catalog, tiers and promotions join as their modules land). */
export function seedDemoStore(ctx: StoreContext, at: string): void {
  for (const lane of DEMO_LANES) ctx.repos.lanes.insert(lane, at);
}
