import {
  defaultEarnRule,
  defaultPinPolicy,
  defaultRedemptionRule,
  defaultTagRules,
  defaultTierTable,
} from '../../core/loyalty/index.ts';
import type { LoyaltyConfig } from '../../contracts/loyalty/loyalty-config.schema.ts';

/** The programme from the brochures: 1 point per ¥1, 100 points = ¥1, 普通/银卡/金卡/钻石, 满50减10 welcome, 满100减20 next visit. */
export const defaultLoyaltyConfig: LoyaltyConfig = {
  points: {
    earn: { ...defaultEarnRule, categoryMultipliers: [], timeWindows: [], behaviour: { ...defaultEarnRule.behaviour } },
    redemption: { ...defaultRedemptionRule },
    restoreRedeemedOnRefund: 'original-expiry',
  },
  tiers: { windowMonths: defaultTierTable.windowMonths, tiers: defaultTierTable.tiers.map((t) => ({ ...t })) },
  storedValue: {
    topUp: { id: 'topup-default', tiers: [{ minFen: 10_000, bonusFen: 2_000 }], repeat: false },
    pin: { ...defaultPinPolicy },
  },
  couponTemplates: [
    {
      id: 'welcome-50-10',
      name: '新人券 满50减10',
      effect: { kind: 'amount-off', amountFen: 1_000, thresholdFen: 5_000 },
      scope: { categoryPaths: [], skus: [] },
      validity: { kind: 'relative', days: 30, startsAfterDays: 0 },
      perSaleLimit: 1,
      perMemberLimit: 1,
      restorePolicy: 'full-refund',
    },
    {
      id: 'next-visit-100-20',
      name: '复购券 满100减20',
      effect: { kind: 'amount-off', amountFen: 2_000, thresholdFen: 10_000 },
      scope: { categoryPaths: [], skus: [] },
      validity: { kind: 'relative', days: 30, startsAfterDays: 1 },
      perSaleLimit: 1,
      restorePolicy: 'full-refund',
    },
    {
      id: 'birthday-diamond',
      name: '钻石生日券 满200减50',
      effect: { kind: 'amount-off', amountFen: 5_000, thresholdFen: 20_000 },
      scope: { categoryPaths: [], skus: [] },
      validity: { kind: 'relative', days: 31, startsAfterDays: 0 },
      perSaleLimit: 1,
      restorePolicy: 'full-refund',
    },
  ],
  issuanceRules: [
    { id: 'welcome', trigger: 'new-member', templateId: 'welcome-50-10', quantity: 1 },
    { id: 'next-visit', trigger: 'after-sale', templateId: 'next-visit-100-20', quantity: 1, minSaleFen: 10_000 },
  ],
  referral: {
    firstPurchase: { kind: 'points', points: 200 },
    minFirstPurchaseFen: 5_000,
    repeatShareBp: { level1: 0, level2: 200 },
    shareRate: { points: 1, perFen: 100 },
    capPerMonthPoints: 2_000,
    capPerRefereePoints: 5_000,
  },
  tags: {
    ...defaultTagRules,
    highValue: { ...defaultTagRules.highValue },
    priceSensitive: { ...defaultTagRules.priceSensitive },
    categoryPreference: { ...defaultTagRules.categoryPreference },
    dormant: { ...defaultTagRules.dormant },
    newcomer: { ...defaultTagRules.newcomer },
  },
};
