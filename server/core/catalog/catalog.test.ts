import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CatalogIndex,
  classifyScannedCode,
  gtinCheckDigit,
  hasValidGtinCheckDigit,
  lineGross,
  indexVariableMeasureLayouts,
  priceVerifierDigit,
  withGtinCheckDigit,
  type Product,
  type VariableMeasureLayout,
  type VariableMeasureLayouts,
} from './index.ts';

function layouts(input: VariableMeasureLayout[]): VariableMeasureLayouts {
  const r = indexVariableMeasureLayouts(input);
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.value;
}

// China label-scale default FF IIIII VVVVV C (docs/formats.md §5.4): 28 = weight in g, 22 = price in fen.
const CHINA = layouts([
  { prefix: '28', measure: 'weightGrams', item: { start: 2, length: 5 }, value: { start: 7, length: 5 } },
  { prefix: '22', measure: 'priceFen', item: { start: 2, length: 5 }, value: { start: 7, length: 5 } },
]);
// GS1 layouts with a verifier digit (docs/formats.md §8.3): GB 20 PPPPPPPCVVVV, Germany 23 PPPPPPCVVVVV.
const WITH_VERIFIER = layouts([
  { prefix: '20', measure: 'priceFen', item: { start: 2, length: 5 }, verifierAt: 7, value: { start: 8, length: 4 } },
  { prefix: '23', measure: 'priceFen', item: { start: 2, length: 4 }, verifierAt: 6, value: { start: 7, length: 5 } },
]);

describe('GTIN check digit (GS1 GenSpecs §7.9.1)', () => {
  it('accepts the known-good vectors of docs/formats.md §8.1', () => {
    for (const code of ['4006381333931', '96385074', '036000291452', '0036000291452'])
      expect(hasValidGtinCheckDigit(code)).toBe(true);
    expect(gtinCheckDigit('400638133393')).toBe(1);
  });
  it('detects every single-digit substitution', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{12}$/),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 9 }),
        (data, pos, delta) => {
          const code = data + String(gtinCheckDigit(data));
          const changed = code.slice(0, pos) + String((Number(code[pos]) + delta) % 10) + code.slice(pos + 1);
          expect(hasValidGtinCheckDigit(changed)).toBe(false);
        },
      ),
    );
  });
});

describe('price/weight verifier digit (GS1 GenSpecs §7.9.3)', () => {
  it('matches the spec examples', () => {
    expect(priceVerifierDigit('2875')).toBe(9);
    expect(priceVerifierDigit('14685')).toBe(6);
    expect(priceVerifierDigit('0000')).toBe(0);
  });
  it('refuses other lengths', () => {
    expect(() => priceVerifierDigit('123')).toThrow(RangeError);
  });
});

describe('classifyScannedCode', () => {
  it('classifies EAN-13, EAN-8, UPC-A (both forms) and PLU', () => {
    expect(classifyScannedCode('4006381333931', CHINA)).toEqual({
      ok: true,
      value: { kind: 'ean13', gtin: '4006381333931' },
    });
    expect(classifyScannedCode('96385074', CHINA)).toEqual({
      ok: true,
      value: { kind: 'ean8', gtin: '0000096385074' },
    });
    expect(classifyScannedCode('036000291452', CHINA)).toEqual({
      ok: true,
      value: { kind: 'upca', gtin: '0036000291452' },
    });
    expect(classifyScannedCode('0036000291452', CHINA)).toEqual({
      ok: true,
      value: { kind: 'upca', gtin: '0036000291452' },
    });
    expect(classifyScannedCode('4011', CHINA)).toEqual({ ok: true, value: { kind: 'plu', plu: '4011' } });
  });
  it('strips a scanner AIM symbology prefix and the trailing CR', () => {
    expect(classifyScannedCode(']E04006381333931\r', CHINA)).toEqual({
      ok: true,
      value: { kind: 'ean13', gtin: '4006381333931' },
    });
  });
  it('reports a wrong check digit and a malformed code', () => {
    expect(classifyScannedCode('4006381333932', CHINA)).toMatchObject({ ok: false, code: 'CATALOG_BAD_CHECK_DIGIT' });
    expect(classifyScannedCode('40063813339', CHINA)).toMatchObject({ ok: false, code: 'CATALOG_BAD_BARCODE' });
    expect(classifyScannedCode('12a45', CHINA)).toMatchObject({ ok: false, code: 'CATALOG_BAD_BARCODE' });
  });
  it('decodes a China weight label: 28 00123 01250 2 → item 00123, 1250 g', () => {
    // check digits 2 and 4 cross-checked with an independent script (weights 3,1 from the right)
    const r = classifyScannedCode('2800123012502', CHINA);
    expect(r).toEqual({
      ok: true,
      value: {
        kind: 'variable',
        gtin: '2800123012502',
        prefix: '28',
        itemCode: '00123',
        measure: 'weightGrams',
        value: 1250,
        baseGtin: '2800123000004',
      },
    });
  });
  it('refuses a label that carries 0 g or ¥0.00, naming the code', () => {
    expect(classifyScannedCode(withGtinCheckDigit('280012300000'), CHINA)).toMatchObject({
      ok: false,
      code: 'CATALOG_LABEL_ZERO_WEIGHT',
      field: 'code',
    });
    expect(classifyScannedCode(withGtinCheckDigit('220012300000'), CHINA)).toMatchObject({
      ok: false,
      code: 'CATALOG_LABEL_ZERO_PRICE',
      field: 'code',
    });
  });
  it('decodes a GB price label with a 4-digit verifier: 20 12345 9 2875 → ¥28.75', () => {
    const r = classifyScannedCode('2012345928756', WITH_VERIFIER);
    expect(r).toMatchObject({
      ok: true,
      value: { kind: 'variable', itemCode: '12345', measure: 'priceFen', value: 2875, baseGtin: '2012345000001' },
    });
  });
  it('decodes a German price label with a 5-digit verifier: 23 1234 6 14685', () => {
    expect(classifyScannedCode('2312346146853', WITH_VERIFIER)).toMatchObject({
      ok: true,
      value: { itemCode: '1234', value: 14685 },
    });
  });
  it('rejects a label whose verifier digit does not match its value', () => {
    // 20 12345 8 2875 with a valid EAN check digit but verifier 8 instead of 9
    const data = '201234582875';
    expect(classifyScannedCode(data + String(gtinCheckDigit(data)), WITH_VERIFIER)).toMatchObject({
      ok: false,
      code: 'CATALOG_BAD_CHECK_DIGIT',
      field: 'verifier',
    });
  });
  it('treats a 2x code without a store layout as a plain EAN-13', () => {
    expect(classifyScannedCode('2800123012502', WITH_VERIFIER)).toMatchObject({ ok: true, value: { kind: 'ean13' } });
  });
});

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
const old: Product = {
  sku: 'OLD',
  names: { zh: '旧货' },
  categoryPath: '杂货',
  unit: 'each',
  priceFen: 100,
  taxRateBp: 1300,
  status: 'inactive',
  barcodes: ['96385074'],
};

describe('CatalogIndex', () => {
  const index = CatalogIndex.build([cola, apples, old]);
  it('finds by barcode in any GTIN form, by PLU with or without leading zeros, by SKU', () => {
    expect(index.byBarcode('6901234567892')).toBe(cola);
    expect(index.byBarcode('0036000291452')).toBe(cola);
    expect(index.byPlu('00123')).toBe(apples);
    expect(index.bySku('APPLE')).toBe(apples);
    expect(index.size).toBe(3);
  });
  it('resolves a weight label to the PLU product with its weight', () => {
    const scan = classifyScannedCode('2800123012502', CHINA);
    if (!scan.ok) throw new Error('scan');
    expect(index.resolve(scan.value)).toEqual({
      ok: true,
      value: { product: apples, embedded: { weightGrams: 1250 } },
    });
  });
  it('reports unknown and inactive products', () => {
    expect(index.resolve({ kind: 'ean13', gtin: '4006381333931' })).toMatchObject({
      ok: false,
      code: 'CATALOG_UNKNOWN_BARCODE',
    });
    expect(index.resolve({ kind: 'ean8', gtin: '0000096385074' })).toMatchObject({
      ok: false,
      code: 'CATALOG_PRODUCT_INACTIVE',
    });
  });
});

describe('lineGross', () => {
  it('prices each, weighed (half-up to the fen) and label-price lines', () => {
    expect(lineGross(cola, { kind: 'count', count: 3 })).toEqual({ ok: true, value: 1050 });
    // ¥12.98/kg × 1.250 kg = 1622.5 fen → 1623
    expect(lineGross(apples, { kind: 'weight', grams: 1250 })).toEqual({ ok: true, value: 1623 });
    // ¥12.98/kg × 0.333 kg = 432.234 → 432
    expect(lineGross(apples, { kind: 'weight', grams: 333 })).toEqual({ ok: true, value: 432 });
    expect(lineGross(apples, { kind: 'embeddedPrice', priceFen: 2875 })).toEqual({ ok: true, value: 2875 });
  });
  it('refuses a count for weighed goods, a weight for counted goods and non-positive amounts', () => {
    expect(lineGross(apples, { kind: 'count', count: 1 })).toMatchObject({
      ok: false,
      code: 'CATALOG_WEIGHT_REQUIRED',
    });
    expect(lineGross(cola, { kind: 'weight', grams: 100 })).toMatchObject({ ok: false, code: 'CATALOG_NOT_WEIGHED' });
    expect(lineGross(cola, { kind: 'count', count: 0 })).toMatchObject({ ok: false, code: 'CATALOG_INVALID_QUANTITY' });
  });
});
