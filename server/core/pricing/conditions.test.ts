import type { Conditions } from './promotion.ts';
import type { PricingRequest } from './pricing-request.ts';
import { describe, expect, it } from 'vitest';
import { AT, each, gold, price, promo, request, silver } from './pricing.fixtures.ts';

/** Discount per line of a 10 %-off promotion under the given conditions. */
function off(conditions: Conditions, req: PricingRequest): number[] {
  return price([promo('p', { kind: 'itemPercentOff', offBp: 1000 }, { conditions })], req).lines.map(
    (l) => l.discountFen,
  );
}

const drinks = each('a', 'COLA', 1000, 1, '食品/饮料/碳酸');
const snack = each('b', 'CHIPS', 1000, 1, '食品/零食');
const tool = each('c', 'HAMMER', 1000, 1, '五金');

describe('conditions', () => {
  it('SKU include and exclude', () => {
    expect(off({ skus: { include: ['COLA', 'HAMMER'] } }, request([drinks, snack, tool]))).toEqual([100, 0, 100]);
    expect(off({ skus: { exclude: ['COLA'] } }, request([drinks, snack, tool]))).toEqual([0, 100, 100]);
  });
  it('categories match by whole path segments; includes of SKUs and categories add up', () => {
    expect(off({ categories: { include: ['食品'] } }, request([drinks, snack, tool]))).toEqual([100, 100, 0]);
    expect(
      off({ categories: { include: ['食品/饮料'] } }, request([drinks, snack, each('d', 'X', 1000, 1, '食品/饮料机')])),
    ).toEqual([100, 0, 0]);
    expect(off({ categories: { include: ['食品'], exclude: ['食品/零食'] } }, request([drinks, snack, tool]))).toEqual([
      100, 0, 0,
    ]);
    expect(
      off({ categories: { include: ['五金'] }, skus: { include: ['CHIPS'] } }, request([drinks, snack, tool])),
    ).toEqual([0, 100, 100]);
  });
  it('member tier, member tag, first purchase (a guest never matches)', () => {
    expect(off({ memberTiers: ['gold'] }, request([drinks], { member: gold }))).toEqual([100]);
    expect(off({ memberTiers: ['gold'] }, request([drinks], { member: silver }))).toEqual([0]);
    expect(off({ memberTiers: ['gold'] }, request([drinks]))).toEqual([0]);
    expect(off({ memberTags: ['dormant', 'vip'] }, request([drinks], { member: gold }))).toEqual([100]);
    expect(off({ memberTags: ['dormant'] }, request([drinks], { member: gold }))).toEqual([0]);
    expect(off({ firstPurchase: true }, request([drinks], { member: { ...silver, firstPurchase: true } }))).toEqual([
      100,
    ]);
    expect(off({ firstPurchase: true }, request([drinks], { member: silver }))).toEqual([0]);
  });
  it('date range (inclusive), weekdays, time of day (also across midnight)', () => {
    expect(off({ dateRange: { from: '2024-06-01', to: '2024-06-12' } }, request([drinks]))).toEqual([100]);
    expect(off({ dateRange: { from: '2024-06-13', to: '2024-06-30' } }, request([drinks]))).toEqual([0]);
    expect(off({ weekdays: [3] }, request([drinks]))).toEqual([100]);
    expect(off({ weekdays: [6, 7] }, request([drinks]))).toEqual([0]);
    const at = (minuteOfDay: number) => request([drinks], { at: { ...AT, minuteOfDay } });
    expect(off({ timeOfDay: { from: '20:00', to: '22:00' } }, at(20 * 60))).toEqual([100]);
    expect(off({ timeOfDay: { from: '20:00', to: '22:00' } }, at(22 * 60))).toEqual([0]);
    expect(off({ timeOfDay: { from: '22:00', to: '02:00' } }, at(60))).toEqual([100]);
    expect(off({ timeOfDay: { from: '22:00', to: '02:00' } }, at(600))).toEqual([0]);
  });
  it('store and channel', () => {
    expect(off({ stores: ['S1', 'S2'] }, request([drinks]))).toEqual([100]);
    expect(off({ stores: ['S2'] }, request([drinks]))).toEqual([0]);
    expect(off({ channels: ['miniapp'] }, request([drinks], { channel: 'miniapp' }))).toEqual([100]);
    expect(off({ channels: ['miniapp'] }, request([drinks]))).toEqual([0]);
  });
  it('minimum quantity and amount over the matching lines', () => {
    expect(off({ skus: { include: ['COLA'] }, minQuantity: 3 }, request([each('a', 'COLA', 1000, 2), snack]))).toEqual([
      0, 0,
    ]);
    expect(off({ skus: { include: ['COLA'] }, minQuantity: 3 }, request([each('a', 'COLA', 1000, 3), snack]))).toEqual([
      300, 0,
    ]);
    expect(off({ categories: { include: ['食品'] }, minAmountFen: 2000 }, request([drinks, snack, tool]))).toEqual([
      100, 100, 0,
    ]);
    expect(off({ categories: { include: ['食品'] }, minAmountFen: 2001 }, request([drinks, snack, tool]))).toEqual([
      0, 0, 0,
    ]);
  });
});
