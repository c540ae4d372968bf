import { describe, expect, it } from 'vitest';
import { catalogErrors } from '../../contracts/errors/catalog.errors.ts';
import type { Product } from '../catalog/index.ts';
import { cartLine } from '../catalog/index.ts';
import { validatePricingRequest } from './pricing-request.ts';
import { DEFAULT_PRICING_SETTINGS, validatePricingSettings } from './pricing-settings.ts';
import { each, request } from './pricing.fixtures.ts';

const apples: Product = {
  sku: 'APPLE',
  names: { zh: '苹果' },
  categoryPath: '生鲜/水果',
  unit: 'kg',
  priceFen: 1298,
  taxRateBp: 900,
  status: 'active',
  barcodes: [],
  plu: '123',
};
const cola: Product = {
  sku: 'COLA',
  names: { zh: '可乐' },
  categoryPath: '食品/饮料',
  unit: 'each',
  priceFen: 350,
  taxRateBp: 1300,
  status: 'active',
  barcodes: [],
};

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

describe('cartLine', () => {
  it('builds counted, weighed and label-price lines from the catalog', () => {
    expect(cartLine('1', cola, { kind: 'count', count: 2 })).toEqual({
      ok: true,
      value: {
        lineId: '1',
        sku: 'COLA',
        categoryPath: '食品/饮料',
        unit: 'each',
        quantity: 2,
        unitPriceFen: 350,
        grossFen: 700,
        taxRateBp: 1300,
      },
    });
    expect(cartLine('2', apples, { kind: 'weight', grams: 1250 })).toMatchObject({
      ok: true,
      value: { unit: 'kg', quantity: 1250, unitPriceFen: 1298, grossFen: 1623 },
    });
    expect(cartLine('3', apples, { kind: 'embeddedPrice', priceFen: 2875 })).toMatchObject({
      ok: true,
      value: { unit: 'kg', quantity: 0, unitPriceFen: 1298, grossFen: 2875 },
    });
    expect(cartLine('4', apples, { kind: 'count', count: 1 })).toMatchObject({
      ok: false,
      code: 'CATALOG_WEIGHT_REQUIRED',
    });
  });
  it('returns only catalogued codes', () => {
    expect(catalogErrors).toHaveProperty('CATALOG_WEIGHT_REQUIRED');
  });
});
