import { describe, expect, it } from 'vitest';
import {
  birthdayNotice,
  couponExpiringNotice,
  fissionPacketNotice,
  pointsEarnedNotice,
  pointsExpiringNotice,
  tierChangedNotice,
} from './index.ts';

const base = { memberId: 'm1', at: '2025-03-01T20:15:00+08:00', storeName: '店易便利' };

describe('notification records', () => {
  it('points earned as a WeChat template message (first, keyword1..n, remark)', () => {
    expect(pointsEarnedNotice({ ...base, entryId: 'S1-42', points: 128, balance: 1560, saleNetFen: 12880 })).toEqual({
      kind: 'points-earned',
      memberId: 'm1',
      templateKey: 'points-earned',
      dedupeKey: 'points-earned:S1-42',
      createdAt: base.at,
      data: {
        first: { value: '您在店易便利消费 ¥128.80，获得积分' },
        keyword1: { value: '+128' },
        keyword2: { value: '1560' },
        keyword3: { value: '2025-03-01 20:15' },
        remark: { value: '积分可在下次消费时抵现。' },
      },
    });
  });
  it('coupon expiring, tier change and birthday carry stable dedupe keys', () => {
    expect(
      couponExpiringNotice({ ...base, couponId: 'c1', couponName: '满100减20券', validTo: '2025-03-05', count: 1 }).data
        .first.value,
    ).toBe('您有1张满100减20券即将过期');
    const tier = tierChangedNotice({ ...base, fromName: '银卡', toName: '金卡', discountBp: 9000, changeId: 'T7' });
    expect(tier.data.keyword2.value).toBe('9折');
    expect(tier.dedupeKey).toBe('tier-changed:T7');
    expect(
      tierChangedNotice({ ...base, fromName: '普通', toName: '银卡', discountBp: 9500, changeId: 'T8' }).data.keyword2
        .value,
    ).toBe('9.5折');
    expect(birthdayNotice({ ...base, gift: '200积分', year: 2025 }).dedupeKey).toBe('birthday:m1:2025');
  });
  it('points expiring: one dedupe key per member and first expiry date, the points and the date in the keywords', () => {
    const n = pointsExpiringNotice({ ...base, points: 320, expiresOn: '2025-12-31', balance: 1500 });
    expect(n).toMatchObject({
      kind: 'points-expiring',
      templateKey: 'points-expiring',
      dedupeKey: 'points-expiring:m1:2025-12-31',
    });
    expect(n.data).toEqual({
      first: { value: '您有320积分将于2025-12-31起过期' },
      keyword1: { value: '320' },
      keyword2: { value: '2025-12-31' },
      keyword3: { value: '1500' },
      remark: { value: '积分可在店易便利消费时抵现，别让积分溜走。' },
    });
    expect(
      pointsExpiringNotice({
        ...base,
        at: '2025-12-01T03:00:00+08:00',
        points: 300,
        expiresOn: '2025-12-31',
        balance: 1480,
      }).dedupeKey,
    ).toBe(n.dedupeKey);
  });
  it('fission packet: total and shares in yuan, keyed by the packet', () => {
    const n = fissionPacketNotice({
      ...base,
      packetId: 'S001-F7',
      totalFen: 2000,
      shares: 3,
      claimUntil: '2025-03-08',
    });
    expect(n.dedupeKey).toBe('fission-packet:S001-F7');
    expect(n.data.first.value).toBe('店易便利送您一个¥20.00红包');
    expect(n.data.keyword1.value).toBe('¥20.00（3份）');
  });
});
