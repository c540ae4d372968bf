import { describe, expect, it } from 'vitest';
import type { Product } from '../../core/catalog/index.ts';
import { parseProduct, parseVariableMeasureLayouts } from './catalog-input.ts';

const cola: Product = {
  sku: 'COLA',
  names: { zh: '可乐', en: 'Cola' },
  categoryPath: '食品/饮料/碳酸',
  unit: 'each',
  priceFen: 350,
  taxRateBp: 1300,
  status: 'active',
  barcodes: ['6901234567892', '036000291452'],
};

describe('parseVariableMeasureLayouts', () => {
  it('rejects overlapping digits, spans into the check digit, duplicate prefixes and a verifier on a 3-digit value', () => {
    const base = { prefix: '28', measure: 'weightGrams', item: { start: 2, length: 5 } };
    expect(parseVariableMeasureLayouts([{ ...base, value: { start: 6, length: 5 } }])).toMatchObject({
      ok: false,
      field: '/0/value',
    });
    expect(parseVariableMeasureLayouts([{ ...base, value: { start: 8, length: 5 } }])).toMatchObject({
      ok: false,
      field: '/0/value',
    });
    expect(
      parseVariableMeasureLayouts([
        { ...base, value: { start: 7, length: 5 } },
        { ...base, value: { start: 7, length: 5 } },
      ]),
    ).toMatchObject({ ok: false, field: '/1/prefix' });
    expect(parseVariableMeasureLayouts([{ ...base, verifierAt: 7, value: { start: 8, length: 3 } }])).toMatchObject({
      ok: false,
      field: '/0/verifierAt',
    });
    expect(parseVariableMeasureLayouts([{ ...base, prefix: '30', value: { start: 7, length: 5 } }])).toMatchObject({
      ok: false,
      code: 'CATALOG_INVALID_LAYOUT',
      field: '/0/prefix',
    });
  });
});

describe('parseProduct', () => {
  it('accepts a product and names the bad field of another', () => {
    expect(parseProduct(cola)).toEqual({ ok: true, value: cola });
    expect(parseProduct({ ...cola, priceFen: 3.5 })).toMatchObject({
      ok: false,
      code: 'CATALOG_INVALID_PRODUCT',
      field: '/priceFen',
    });
  });
});
