import { describe, expect, it } from 'vitest';
import {
  referralRewardsForSale,
  referralTree,
  referrersOf,
  setReferrer,
  type ReferralReward,
  type ReferralRule,
} from './index.ts';

// A refers B, B refers C
const links = new Map([
  ['B', 'A'],
  ['C', 'B'],
]);
const rule: ReferralRule = {
  firstPurchase: { kind: 'points', points: 200 },
  minFirstPurchaseFen: 5000,
  repeatShareBp: { level1: 0, level2: 500 },
  shareRate: { points: 1, perFen: 100 },
  capPerMonthPoints: 300,
  capPerRefereePoints: 1000,
};
const sale = (
  memberId: string,
  netFen: number,
  isFirstPurchase: boolean,
  saleId = 's',
  at = '2025-03-05T10:00:00+08:00',
) => ({ memberId, saleId, netFen, isFirstPurchase, at });

describe('referral links', () => {
  it('refuses cycles and a second referrer', () => {
    expect(setReferrer(links, 'D', 'C')).toEqual({ ok: true, value: { memberId: 'D', referrerId: 'C' } });
    expect(setReferrer(links, 'A', 'C')).toEqual({ ok: false, code: 'LOYALTY_REFERRAL_CYCLE', field: 'referrerId' });
    expect(setReferrer(links, 'X', 'X')).toMatchObject({ ok: false, code: 'LOYALTY_REFERRAL_CYCLE' });
    expect(setReferrer(links, 'C', 'A')).toMatchObject({ ok: false, code: 'LOYALTY_REFERRAL_ALREADY_SET' });
    expect(referrersOf(links, 'C', 2)).toEqual(['B', 'A']);
  });
});

describe('referral rewards', () => {
  it("pays the referrer on the referee's first purchase over the minimum", () => {
    expect(referralRewardsForSale(rule, links, [], sale('C', 4999, true))).toEqual([]);
    expect(referralRewardsForSale(rule, links, [], sale('C', 5000, true))).toEqual([
      {
        beneficiaryId: 'B',
        refereeId: 'C',
        level: 1,
        kind: 'first-purchase',
        points: 200,
        saleId: 's',
        month: '2025-03',
      },
    ]);
    expect(
      referralRewardsForSale(
        { ...rule, firstPurchase: { kind: 'coupon', templateId: 'ref-20' } },
        links,
        [],
        sale('C', 5000, true),
      ),
    ).toMatchObject([{ beneficiaryId: 'B', templateId: 'ref-20', points: 0 }]);
  });
  it("pays A a 5% share of C's repeat purchases (second level), within the caps", () => {
    // ¥300 × 5% = ¥15 → 15 points
    expect(referralRewardsForSale(rule, links, [], sale('C', 30000, false))).toEqual([
      { beneficiaryId: 'A', refereeId: 'C', level: 2, kind: 'repeat-share', points: 15, saleId: 's', month: '2025-03' },
    ]);
    const history: ReferralReward[] = [
      {
        beneficiaryId: 'A',
        refereeId: 'B',
        level: 1,
        kind: 'first-purchase',
        points: 290,
        saleId: 'x',
        month: '2025-03',
      },
    ];
    expect(referralRewardsForSale(rule, links, history, sale('C', 30000, false))[0].points).toBe(10); // month cap 300
    expect(
      referralRewardsForSale(rule, links, history, sale('C', 30000, false, 's2', '2025-04-01T10:00:00+08:00'))[0]
        .points,
    ).toBe(15);
    const refereeCap: ReferralReward[] = [
      {
        beneficiaryId: 'A',
        refereeId: 'C',
        level: 2,
        kind: 'repeat-share',
        points: 995,
        saleId: 'y',
        month: '2024-01',
      },
    ];
    expect(referralRewardsForSale(rule, links, refereeCap, sale('C', 30000, false))[0].points).toBe(5);
    expect(
      referralRewardsForSale(
        { ...rule, repeatShareBp: { level1: 1000, level2: 500 } },
        links,
        [],
        sale('C', 30000, false),
      ).map((r) => [r.beneficiaryId, r.points]),
    ).toEqual([
      ['B', 30],
      ['A', 15],
    ]);
  });
  it('builds the tree with reward totals', () => {
    const rewards: ReferralReward[] = [
      {
        beneficiaryId: 'A',
        refereeId: 'B',
        level: 1,
        kind: 'first-purchase',
        points: 200,
        saleId: '1',
        month: '2025-03',
      },
      {
        beneficiaryId: 'B',
        refereeId: 'C',
        level: 1,
        kind: 'first-purchase',
        points: 200,
        saleId: '2',
        month: '2025-03',
      },
      { beneficiaryId: 'A', refereeId: 'C', level: 2, kind: 'repeat-share', points: 15, saleId: '3', month: '2025-03' },
    ];
    const tree = referralTree(new Map([...links, ['E', 'A']]), rewards, 'A');
    expect(tree).toEqual({
      memberId: 'A',
      depth: 0,
      rewardToRootPoints: 0,
      rewardEarnedPoints: 215,
      children: [
        {
          memberId: 'B',
          depth: 1,
          rewardToRootPoints: 200,
          rewardEarnedPoints: 200,
          children: [{ memberId: 'C', depth: 2, rewardToRootPoints: 15, rewardEarnedPoints: 0, children: [] }],
        },
        { memberId: 'E', depth: 1, rewardToRootPoints: 0, rewardEarnedPoints: 0, children: [] },
      ],
    });
  });
});
