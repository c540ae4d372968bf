import { addDays } from '../../core/loyalty/index.ts';
import type { Loyalty } from '../loyalty/loyalty.ts';
import { changeTier } from '../loyalty/member-sale.ts';
import { issueCouponTo } from '../loyalty/loyalty-ledger.ts';
import { boxLoyaltyConfig } from '../loyalty/box-loyalty-config.ts';
import { loyaltyTime } from '../loyalty/loyalty-time.ts';
import { addPoints } from './member-profile.ts';
import { registerMember } from './register-member.ts';

/** Demo phones 1380000000x (documented for the demo; never real numbers). */
export const DEMO_MEMBERS = [
  { phone: '13800000001', name: '张三', birthday: '03-15' },
  { phone: '13800000002', name: '李四', birthday: '08-08' },
  { phone: '13800000003', name: '王五' },
] as const;

/**
 * The demo programme and members: 13800000002 is a 金卡 member with ¥5,000 spent last month,
 * 5,000 points and a 满100减20 coupon besides the welcome 满50减10. Runs inside first start's transaction.
 */
export function seedDemoMembers(l: Loyalty, at: string): void {
  l.program.replace(boxLoyaltyConfig(), at);
  const ids = DEMO_MEMBERS.map((m) => {
    const r = registerMember(l, m);
    if (!r.ok) throw new Error(`demo member ${m.name}: ${r.code}`);
    return r.value.member;
  });
  const gold = ids[1];
  const t = loyaltyTime(l.ctx);
  l.stores.members.recordPurchase(gold.serial, addDays(t.date, -30), 500_000, 0);
  changeTier(l, t, gold, 'gold', 'manual', 500_000);
  const points = addPoints(l, gold.id, { points: 4_900, note: 'demo opening balance' }, 'system');
  if (!points.ok) throw new Error(`demo points: ${points.code}`);
  const coupon = issueCouponTo(l, { ...t, at: `${addDays(t.date, -1)}${t.at.slice(10)}` }, gold.id, 'NEXT-100-20', {
    kind: 'manual',
    refId: 'demo',
  });
  if (!coupon.ok) throw new Error(`demo coupon: ${coupon.code}`);
}
