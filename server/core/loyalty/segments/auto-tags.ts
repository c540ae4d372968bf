import { FULL_BP, type BasisPoints, type Fen } from '../../money/index.ts';
import type { MemberAggregate } from './member-aggregate.ts';
import { rfmScore, type RfmCutpoints, type RfmScore } from './rfm.ts';

export const TAG_HIGH_VALUE = '高净值客户';
export const TAG_PRICE_SENSITIVE = '价格敏感型';
export const TAG_CATEGORY_PREFIX = '品类偏好:';
export const TAG_DORMANT = '沉睡';
export const TAG_NEW = '新客';

export type TagRules = {
  /** M score at least this (5 = top quintile), or spend at least minSpendFen when set */
  readonly highValue: { readonly minMonetaryScore: number; readonly minSpendFen?: Fen };
  /** share of spend on discounted lines, with enough orders to mean something */
  readonly priceSensitive: { readonly minDiscountedShareBp: BasisPoints; readonly minOrders: number };
  readonly categoryPreference: { readonly minShareBp: BasisPoints; readonly minSpendFen: Fen };
  /** no purchase for this many days (members who never bought count from registration) */
  readonly dormant: { readonly days: number };
  /** first purchase (or registration, if none yet) within this many days */
  readonly newcomer: { readonly days: number };
};

export const defaultTagRules: TagRules = {
  highValue: { minMonetaryScore: 5 },
  priceSensitive: { minDiscountedShareBp: 6000, minOrders: 3 },
  categoryPreference: { minShareBp: 4000, minSpendFen: 10_000 },
  dormant: { days: 90 },
  newcomer: { days: 30 },
};

export type MemberProfile = { readonly memberId: string; readonly rfm: RfmScore; readonly tags: readonly string[] };

/** Automatic tags of one member on `today` (a day number). Manual tags are kept apart (member-tags.ts). */
export function autoTags(rules: TagRules, a: MemberAggregate, rfm: RfmScore, today: number): string[] {
  const tags: string[] = [];
  if (
    (rfm.m > 0 && rfm.m >= rules.highValue.minMonetaryScore) ||
    (rules.highValue.minSpendFen !== undefined && a.spendFen >= rules.highValue.minSpendFen)
  )
    tags.push(TAG_HIGH_VALUE);
  // integer cross-multiplication: discounted / spend ≥ bp / 10000
  if (
    a.orderCount >= rules.priceSensitive.minOrders &&
    a.spendFen > 0 &&
    a.discountedSpendFen * FULL_BP >= a.spendFen * rules.priceSensitive.minDiscountedShareBp
  )
    tags.push(TAG_PRICE_SENSITIVE);
  if (a.categorySpendFen && a.spendFen > 0) {
    const preferred: string[] = [];
    for (const cat in a.categorySpendFen) {
      const s = a.categorySpendFen[cat];
      if (s >= rules.categoryPreference.minSpendFen && s * FULL_BP >= a.spendFen * rules.categoryPreference.minShareBp)
        preferred.push(TAG_CATEGORY_PREFIX + cat);
    }
    // sorted for a stable tag order; usually 0 or 1 entries, so sort only then (hot loop: 1M members)
    if (preferred.length > 1) preferred.sort();
    for (const t of preferred) tags.push(t);
  }
  const lastSeen = a.lastPurchaseDay ?? a.registeredDay;
  if (today - lastSeen >= rules.dormant.days) tags.push(TAG_DORMANT);
  const since = a.firstPurchaseDay ?? a.registeredDay;
  if (today - since < rules.newcomer.days) tags.push(TAG_NEW);
  return tags;
}

/** RFM and automatic tags for one slice of members; call once per slice after RfmCollector.cutpoints(). */
export function profileSlice(
  rules: TagRules,
  cut: RfmCutpoints,
  slice: readonly MemberAggregate[],
  today: number,
): MemberProfile[] {
  const out = new Array<MemberProfile>(slice.length);
  for (let i = 0; i < slice.length; i++) {
    const a = slice[i];
    const rfm = rfmScore(cut, a);
    out[i] = { memberId: a.memberId, rfm, tags: autoTags(rules, a, rfm, today) };
  }
  return out;
}
