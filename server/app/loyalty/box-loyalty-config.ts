import type { LoyaltyConfig } from '../../contracts/loyalty/index.ts';
import { defaultLoyaltyConfig } from './default-loyalty-config.ts';

/**
 * What a claimed share of a 裂变红包 becomes: each instance carries its share's amount as face value
 * (it replaces amountFen), usable on a basket of ¥30 or more for 7 days (fission.routes.ts).
 */
const FISSION_SHARE_TEMPLATE: LoyaltyConfig['couponTemplates'][number] = {
  id: 'FISSION-SHARE',
  name: '裂变红包 满30可用',
  effect: { kind: 'amount-off', amountFen: 100, thresholdFen: 3000 },
  scope: { categoryPaths: [], skus: [] },
  validity: { kind: 'relative', days: 7, startsAfterDays: 0 },
  perSaleLimit: 1,
  restorePolicy: 'full-refund',
};

/**
 * The box's programme: the brochure defaults with the ids the lane's promotions use. Tier codes
 * regular/silver/gold/diamond match the `tier-rate` promotion's payBpByTier (demo-promotions.ts),
 * so the tier discount is applied by pricing and the points multiplier by loyalty. Template
 * NEXT-100-20 is what promotion `spend-100-next-visit` issues; the after-sale rule is therefore
 * the promotion's, not an issuance rule here (it would issue twice). Points multipliers by category
 * and time live in promotions too (clothing / evening double points), so none are configured here.
 */
export function boxLoyaltyConfig(): LoyaltyConfig {
  const d = defaultLoyaltyConfig;
  const rename = (id: string) =>
    id === 'welcome-50-10'
      ? 'WELCOME-50-10'
      : id === 'next-visit-100-20'
        ? 'NEXT-100-20'
        : id === 'birthday-diamond'
          ? 'BIRTHDAY-200-50'
          : id;
  return {
    ...d,
    tiers: {
      ...d.tiers,
      tiers: d.tiers.tiers.map((t) => ({
        ...t,
        code: t.code === 'normal' ? 'regular' : t.code,
        ...(t.birthdayGift?.kind === 'coupon'
          ? { birthdayGift: { kind: 'coupon' as const, templateId: rename(t.birthdayGift.templateId) } }
          : {}),
      })),
    },
    couponTemplates: [...d.couponTemplates.map((t) => ({ ...t, id: rename(t.id) })), FISSION_SHARE_TEMPLATE],
    issuanceRules: d.issuanceRules
      .filter((r) => r.trigger !== 'after-sale')
      .map((r) => ({ ...r, templateId: rename(r.templateId) })),
  };
}
