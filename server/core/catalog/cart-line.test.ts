import { describe, expect, it } from 'vitest';
import { catalogErrors } from '../../contracts/errors/catalog.errors.ts';
import type { Product } from './index.ts';
import { cartLine } from './index.ts';

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
