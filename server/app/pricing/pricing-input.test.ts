import { describe, expect, it } from 'vitest';
import { pricingErrors } from '../../contracts/errors/pricing.errors.ts';
import { DEFAULT_PRICING_SETTINGS } from '../../core/pricing/pricing-settings.ts';
import { each, promo, request, spend200save30, tierRates } from '../../core/pricing/pricing.fixtures.ts';
import {
  compilePromotions,
  validatePricingRequest,
  validatePricingSettings,
  validatePromotion,
} from './pricing-input.ts';

describe('validatePromotion', () => {
  it('accepts the brochure promotions', () => {
    expect(validatePromotion(tierRates)).toEqual({ ok: true, value: tierRates });
    expect(validatePromotion(spend200save30).ok).toBe(true);
  });
  it('names the field of a shape error', () => {
    expect(validatePromotion({ ...spend200save30, priority: 1.5 })).toMatchObject({
      ok: false,
      code: 'PRICING_INVALID_PROMOTION',
      field: '/priority',
    });
    expect(validatePromotion({ ...spend200save30, effect: { kind: 'magic' } })).toMatchObject({
      ok: false,
      code: 'PRICING_INVALID_PROMOTION',
      field: '/effect',
    });
  });
  it.each([
    [
      'threshold amount ≥ threshold',
      promo('x', { kind: 'basketThreshold', thresholdFen: 3000, amountOffFen: 3000 }),
      'PRICING_THRESHOLD_NOT_ABOVE_AMOUNT',
      '/effect/amountOffFen',
    ],
    [
      'cap below one amount',
      promo('x', { kind: 'basketThreshold', thresholdFen: 20000, amountOffFen: 3000, repeat: true, capFen: 2000 }),
      'PRICING_CAP_BELOW_AMOUNT',
      '/effect/capFen',
    ],
    [
      'percent > 100 %',
      promo('x', { kind: 'itemPercentOff', offBp: 10001 }),
      'PRICING_PERCENT_OUT_OF_RANGE',
      '/effect/offBp',
    ],
    [
      'tier rate > 100 %',
      promo('x', { kind: 'memberTierRate', payBpByTier: { gold: 11000 } }),
      'PRICING_PERCENT_OUT_OF_RANGE',
      '/effect/payBpByTier/gold',
    ],
    [
      'Nth item with N < 2',
      promo('x', { kind: 'nthItemOff', n: 1, offBp: 5000 }),
      'PRICING_NTH_BELOW_TWO',
      '/effect/n',
    ],
    [
      'buy X get Y with Y < 1',
      promo('x', { kind: 'buyXGetY', buy: 2, get: 0 }),
      'PRICING_GET_BELOW_ONE',
      '/effect/get',
    ],
    [
      'buy X get Y with X < 1',
      promo('x', { kind: 'buyXGetY', buy: 0, get: 1 }),
      'PRICING_BUY_BELOW_ONE',
      '/effect/buy',
    ],
    [
      'empty date range',
      promo(
        'x',
        { kind: 'itemPercentOff', offBp: 100 },
        { conditions: { dateRange: { from: '2024-07-01', to: '2024-06-30' } } },
      ),
      'PRICING_EMPTY_DATE_RANGE',
      '/conditions/dateRange',
    ],
    [
      'empty time window',
      promo('x', { kind: 'itemPercentOff', offBp: 100 }, { conditions: { timeOfDay: { from: '20:00', to: '20:00' } } }),
      'PRICING_EMPTY_TIME_WINDOW',
      '/conditions/timeOfDay',
    ],
    [
      'SKU both in and out',
      promo(
        'x',
        { kind: 'itemPercentOff', offBp: 100 },
        { conditions: { skus: { include: ['A', 'B'], exclude: ['B'] } } },
      ),
      'PRICING_CONTRADICTORY_SCOPE',
      '/conditions/skus/include/1',
    ],
    [
      'category inside an excluded one',
      promo(
        'x',
        { kind: 'itemPercentOff', offBp: 100 },
        { conditions: { categories: { include: ['食品/饮料'], exclude: ['食品'] } } },
      ),
      'PRICING_CONTRADICTORY_SCOPE',
      '/conditions/categories/include/0',
    ],
  ])('rejects %s', (_, input, code, field) => {
    expect(validatePromotion(input)).toMatchObject({ ok: false, code, field });
  });
  it('uses only codes of its catalog part', () => {
    for (const code of ['PRICING_THRESHOLD_NOT_ABOVE_AMOUNT', 'PRICING_INVALID_PROMOTION'])
      expect(pricingErrors).toHaveProperty(code);
  });
});

describe('compilePromotions', () => {
  it('reports the index of a bad promotion, duplicate ids and a group spanning stages', () => {
    expect(compilePromotions([tierRates, promo('x', { kind: 'nthItemOff', n: 1, offBp: 1 })])).toMatchObject({
      ok: false,
      code: 'PRICING_NTH_BELOW_TWO',
      field: '/1/effect/n',
      params: { path: '/1/effect/n' },
    });
    expect(compilePromotions([tierRates, tierRates])).toMatchObject({
      ok: false,
      code: 'PRICING_DUPLICATE_PROMOTION_ID',
      field: '/1/id',
    });
    const g = { exclusivityGroup: 'g' };
    expect(
      compilePromotions([{ ...spend200save30, ...g }, promo('y', { kind: 'itemPercentOff', offBp: 100 }, g)]),
    ).toMatchObject({ ok: false, code: 'PRICING_GROUP_MIXES_STAGES', params: { group: 'g' } });
  });
  it('orders by priority, then id, whatever the input order', () => {
    const r = compilePromotions([
      promo('b', { kind: 'itemPercentOff', offBp: 1 }),
      promo('a', { kind: 'itemPercentOff', offBp: 1 }),
      promo('c', { kind: 'itemPercentOff', offBp: 1 }, { priority: 9 }),
    ]);
    expect(r.ok && r.value.promotions.map((p) => p.promotion.id)).toEqual(['c', 'a', 'b']);
  });
});

describe('validatePricingRequest', () => {
  it('accepts a basket and names the bad field of another', () => {
    const req = request([each('a', 'A', 100, 2)]);
    expect(validatePricingRequest(req)).toEqual({ ok: true, value: req });
    expect(validatePricingRequest({ ...req, lines: [{ ...req.lines[0], grossFen: -1 }] })).toMatchObject({
      ok: false,
      code: 'PRICING_INVALID_REQUEST',
      field: '/lines/0/grossFen',
    });
    expect(validatePricingRequest({ ...req, at: { ...req.at, weekday: 8 } })).toMatchObject({
      ok: false,
      field: '/at/weekday',
    });
  });
  it('refuses duplicate line ids and counted lines without units', () => {
    expect(validatePricingRequest(request([each('a', 'A', 100), each('a', 'B', 100)]))).toMatchObject({
      ok: false,
      code: 'PRICING_DUPLICATE_LINE_ID',
      field: '/lines/1/lineId',
    });
    expect(validatePricingRequest(request([{ ...each('a', 'A', 100), quantity: 0 }]))).toMatchObject({
      ok: false,
      field: '/lines/0/quantity',
    });
  });
  it('validates store settings', () => {
    expect(validatePricingSettings(DEFAULT_PRICING_SETTINGS).ok).toBe(true);
    expect(validatePricingSettings({ ...DEFAULT_PRICING_SETTINGS, rounding: 'up' })).toMatchObject({
      ok: false,
      code: 'PRICING_INVALID_SETTINGS',
      field: '/rounding',
    });
  });
});
