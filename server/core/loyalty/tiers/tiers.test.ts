import { describe, expect, it } from 'vitest';
import {
  defaultTierTable as table,
  isBirthday,
  nightlyTierReview,
  rollingSpend,
  spendWindowStart,
  tierForSpend,
  upgradeAtSale,
} from './index.ts';

describe('tiers', () => {
  it('picks the highest tier reached: 普通 / 银卡 ¥2000 / 金卡 ¥5000 / 钻石 ¥20000', () => {
    expect(tierForSpend(table, 0).name).toBe('普通');
    expect(tierForSpend(table, 199_999).name).toBe('普通');
    expect(tierForSpend(table, 200_000)).toMatchObject({ name: '银卡', discountBp: 9500 });
    expect(tierForSpend(table, 1_999_999)).toMatchObject({ name: '金卡', discountBp: 9000, pointsMultiplierBp: 15000 });
    expect(tierForSpend(table, 5_000_000).name).toBe('钻石');
  });
  it('upgrades at sale commit only when the sale crosses a threshold', () => {
    expect(upgradeAtSale(table, 'normal', 190_000, 10_000)?.code).toBe('silver');
    expect(upgradeAtSale(table, 'normal', 190_000, 9_999)).toBeNull();
    expect(upgradeAtSale(table, 'silver', 190_000, 400_000)?.code).toBe('gold');
    expect(upgradeAtSale(table, 'gold', 0, 10_000)).toBeNull(); // never a downgrade at the lane
  });
  it('nightly review downgrades as spend leaves the window', () => {
    expect(nightlyTierReview(table, 'gold', 250_000)).toMatchObject({ change: 'down', tier: { code: 'silver' } });
    expect(nightlyTierReview(table, 'diamond', 0)).toMatchObject({ change: 'down', tier: { code: 'normal' } });
    expect(nightlyTierReview(table, 'silver', 200_000).change).toBe('none');
    expect(nightlyTierReview(table, 'normal', 600_000).change).toBe('up');
  });
  it('sums net spend over the rolling 12 months ending today', () => {
    expect(spendWindowStart(table, '2025-03-15')).toBe('2024-03-16');
    const days = [
      { date: '2024-03-15', netFen: 100_000 },
      { date: '2024-03-16', netFen: 50_000 },
      { date: '2025-03-15', netFen: 30_000 },
      { date: '2025-03-16', netFen: 999_999 },
    ];
    expect(rollingSpend(table, days, '2025-03-15')).toBe(80_000);
  });
  it('birthdays, with 29 February on the 28th in common years', () => {
    expect(isBirthday('03-15', '2025-03-15')).toBe(true);
    expect(isBirthday('02-29', '2025-02-28')).toBe(true);
    expect(isBirthday('02-29', '2024-02-28')).toBe(false);
    expect(isBirthday('02-29', '2024-02-29')).toBe(true);
  });
});
