import type { Fen } from '../../money/index.ts';
import type { CouponSourceKind } from './coupon-instance.ts';

/**
 * When coupons are issued automatically. Campaign and manual issues are explicit commands; these
 * rules answer the lifecycle events: 新会员 welcome (满50减10), next visit after a sale (满100减20),
 * a referral reward, a birthday.
 */
export type IssuanceRule = {
  readonly id: string;
  readonly trigger: 'new-member' | 'after-sale' | 'referral' | 'birthday';
  readonly templateId: string;
  readonly quantity: number;
  /** after-sale: only sales with at least this net */
  readonly minSaleFen?: Fen;
  /** birthday: only members of these tiers (none = all) */
  readonly tierCodes?: readonly string[];
};

export type IssuanceEvent =
  | { readonly trigger: 'new-member' }
  | { readonly trigger: 'after-sale'; readonly saleNetFen: Fen }
  | { readonly trigger: 'referral' }
  | { readonly trigger: 'birthday'; readonly tierCode: string };

export type CouponToIssue = {
  readonly ruleId: string;
  readonly templateId: string;
  readonly quantity: number;
  readonly source: CouponSourceKind;
};

const SOURCE: Readonly<Record<IssuanceRule['trigger'], CouponSourceKind>> = {
  'new-member': 'welcome',
  'after-sale': 'next-visit',
  referral: 'referral',
  birthday: 'birthday',
};

export function couponsForEvent(rules: readonly IssuanceRule[], event: IssuanceEvent): CouponToIssue[] {
  const out: CouponToIssue[] = [];
  for (const r of rules) {
    if (r.trigger !== event.trigger) continue;
    if (event.trigger === 'after-sale' && event.saleNetFen < (r.minSaleFen ?? 0)) continue;
    if (event.trigger === 'birthday' && r.tierCodes && r.tierCodes.length > 0 && !r.tierCodes.includes(event.tierCode))
      continue;
    out.push({ ruleId: r.id, templateId: r.templateId, quantity: r.quantity, source: SOURCE[r.trigger] });
  }
  return out;
}
