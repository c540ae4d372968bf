import { describe, expect, it } from 'vitest';
import { dayNumber } from '../calendar.ts';
import {
  autoTags,
  campaignEffect,
  campaignGroup,
  defaultTagRules,
  holdoutBucket,
  matchesSegment,
  profileSlice,
  quintileScore,
  RfmCollector,
  type MemberAggregate,
  type SegmentQuery,
} from './index.ts';

const today = dayNumber('2025-06-30');
const member = (i: number, over: Partial<MemberAggregate> = {}): MemberAggregate => ({
  memberId: `m${i}`,
  registeredDay: today - 400,
  firstPurchaseDay: today - 300,
  lastPurchaseDay: today - i,
  orderCount: i,
  spendFen: i * 10_000,
  discountedSpendFen: 0,
  ...over,
});

describe('RFM quintiles', () => {
  it('scores 10 buyers 1..5 in pairs, skips members who never bought, and works slice by slice', () => {
    const all = Array.from({ length: 10 }, (_, k) => member(k + 1));
    const never = member(0, {
      memberId: 'none',
      firstPurchaseDay: null,
      lastPurchaseDay: null,
      orderCount: 0,
      spendFen: 0,
    });
    const c = new RfmCollector(2);
    c.add(all.slice(0, 3));
    c.add([never, ...all.slice(3)]);
    const cut = c.cutpoints();
    expect(cut.frequency).toEqual([2, 4, 6, 8]);
    const profiles = [
      ...profileSlice(defaultTagRules, cut, all.slice(0, 5), today),
      ...profileSlice(defaultTagRules, cut, [...all.slice(5), never], today),
    ];
    // m1 bought most recently but least often and least
    expect(profiles[0].rfm).toEqual({ r: 5, f: 1, m: 1 });
    expect(profiles[9].rfm).toEqual({ r: 1, f: 5, m: 5 });
    expect(profiles.map((p) => p.rfm.f)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 0]);
    expect(profiles[10].rfm).toEqual({ r: 0, f: 0, m: 0 });
  });
  it('gives ties the same score, the lowest 1', () => {
    expect(quintileScore([1, 1, 1, 2], 1)).toBe(1);
    expect(quintileScore([1, 1, 1, 2], 2)).toBe(4);
    expect(quintileScore([1, 1, 1, 2], 3)).toBe(5);
  });
});

describe('automatic tags', () => {
  const rfm = { r: 3, f: 3, m: 3 };
  it('价格敏感型 at ≥ 60% discounted spend with 3+ orders', () => {
    expect(autoTags(defaultTagRules, member(3, { discountedSpendFen: 18_000 }), rfm, today)).toContain('价格敏感型');
    expect(autoTags(defaultTagRules, member(3, { discountedSpendFen: 17_999 }), rfm, today)).not.toContain(
      '价格敏感型',
    );
    expect(autoTags(defaultTagRules, member(2, { discountedSpendFen: 20_000 }), rfm, today)).not.toContain(
      '价格敏感型',
    );
  });
  it('品类偏好 above 40% share, 高净值 by M score or spend, 沉睡 after 90 days, 新客 within 30 days', () => {
    const a = member(5, { spendFen: 100_000, categorySpendFen: { 服装: 40_000, 食品: 39_999, 烟酒: 21_000 } });
    expect(autoTags(defaultTagRules, a, rfm, today)).toEqual(['品类偏好:服装']);
    expect(autoTags(defaultTagRules, a, { r: 1, f: 1, m: 5 }, today)).toContain('高净值客户');
    expect(
      autoTags({ ...defaultTagRules, highValue: { minMonetaryScore: 5, minSpendFen: 100_000 } }, a, rfm, today),
    ).toContain('高净值客户');
    expect(autoTags(defaultTagRules, member(90), rfm, today)).toContain('沉睡');
    expect(autoTags(defaultTagRules, member(89), rfm, today)).not.toContain('沉睡');
    expect(autoTags(defaultTagRules, member(1, { firstPurchaseDay: today - 29 }), rfm, today)).toContain('新客');
    expect(autoTags(defaultTagRules, member(1, { firstPurchaseDay: today - 30 }), rfm, today)).not.toContain('新客');
    const registeredOnly = member(0, {
      registeredDay: today - 100,
      firstPurchaseDay: null,
      lastPurchaseDay: null,
      orderCount: 0,
      spendFen: 0,
    });
    expect(autoTags(defaultTagRules, registeredOnly, { r: 0, f: 0, m: 0 }, today)).toEqual(['沉睡']);
  });
});

describe('segments and campaigns', () => {
  const dormantNotSensitive: SegmentQuery = { all: [{ tag: '沉睡' }, { not: { tag: '价格敏感型' } }] };
  it('evaluates AND / OR / NOT over automatic and manual tags', () => {
    expect(matchesSegment(dormantNotSensitive, { auto: ['沉睡'], manual: [] })).toBe(true);
    expect(matchesSegment(dormantNotSensitive, { auto: ['沉睡'], manual: ['价格敏感型'] })).toBe(false);
    expect(matchesSegment({ any: [{ tag: 'VIP' }, { tag: '新客' }] }, { auto: [], manual: ['VIP'] })).toBe(true);
    expect(matchesSegment({ any: [] }, { auto: [], manual: [] })).toBe(false);
  });
  it('holds out a deterministic ~10% control group', () => {
    const campaign = { id: 'wake-2025-06', segment: dormantNotSensitive, holdoutBp: 1000 };
    const groups = Array.from({ length: 10_000 }, (_, i) =>
      campaignGroup(campaign, `m${i}`, { auto: ['沉睡'], manual: [] }),
    );
    const control = groups.filter((g) => g === 'control').length;
    expect(control).toBeGreaterThan(800);
    expect(control).toBeLessThan(1200);
    expect(campaignGroup(campaign, 'm1', { auto: ['沉睡'], manual: [] })).toBe(groups[1]);
    expect(campaignGroup(campaign, 'm1', { auto: [], manual: [] })).toBeNull();
    expect(holdoutBucket('m1', 'a')).not.toBe(holdoutBucket('m1', 'b'));
  });
  it('measures buyers and sales within N days against the control', () => {
    const effect = campaignEffect({
      target: ['a', 'b', 'c', 'd'],
      control: ['x', 'y'],
      purchases: [
        { memberId: 'a', date: '2025-06-01', netFen: 5000 },
        { memberId: 'a', date: '2025-06-07', netFen: 3000 },
        { memberId: 'b', date: '2025-06-08', netFen: 9999 }, // day 8: outside a 7-day window
        { memberId: 'c', date: '2025-05-31', netFen: 100 }, // before the start
        { memberId: 'x', date: '2025-06-02', netFen: 2000 },
        { memberId: 'zzz', date: '2025-06-02', netFen: 2000 },
      ],
      startDate: '2025-06-01',
      days: 7,
      couponCostFen: 1000,
    });
    expect(effect).toEqual({
      target: { members: 4, buyers: 1, conversionBp: 2500, salesFen: 8000 },
      control: { members: 2, buyers: 1, conversionBp: 5000, salesFen: 2000 },
      upliftBp: -2500,
      couponCostFen: 1000,
    });
  });
});
