import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { withGtinCheckDigit } from '../../core/catalog/index.ts';
import {
  barcodeProblem,
  parseBarcodes,
  parseCategory,
  parsePrice,
  parseStatus,
  parseTaxRate,
  parseUnit,
} from './catalog-cell.ts';
import { mapHeader } from './catalog-columns.ts';
import { decodeCatalogText } from './text-decoding.ts';

const value = <T>(c: { ok: true; value: T } | { ok: false; reason: string }) => (c.ok ? c.value : `! ${c.reason}`);

describe('catalog cells', () => {
  it('tax rates: 13%, 13, 0.13 and 1300bp are all 1300 bp', () => {
    for (const text of ['13%', '13', '0.13', '1300bp', ' 13 % ', '1300BP'])
      expect(value(parseTaxRate(text))).toBe(1300);
    expect(value(parseTaxRate('0'))).toBe(0);
    expect(value(parseTaxRate('5.5%'))).toBe(550);
    expect(value(parseTaxRate('0.055'))).toBe(550);
    for (const text of ['130%', '13.5bp', 'abc', '-1%', '']) expect(parseTaxRate(text).ok).toBe(false);
  });

  it('a rate written as a percent with two decimals reads back exactly (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => {
        const percent = `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;
        expect(value(parseTaxRate(percent))).toBe(bp);
        expect(value(parseTaxRate(`${bp}bp`))).toBe(bp);
      }),
    );
  });

  it('prices are yuan with at most two decimals, exactly', () => {
    expect(value(parsePrice('12.30'))).toBe(1230);
    expect(value(parsePrice('¥0.1'))).toBe(10);
    expect(value(parsePrice('￥7'))).toBe(700);
    for (const text of ['12.345', '-1.00', 'abc', '1,000.00']) expect(parsePrice(text).ok).toBe(false);
  });

  it('units: count words are each, 千克/公斤/kg are kg, 斤 is refused with a hint', () => {
    for (const u of ['个', '件', 'each', '瓶', 'PCS']) expect(value(parseUnit(u))).toBe('each');
    for (const u of ['千克', '公斤', 'KG']) expect(value(parseUnit(u))).toBe('kg');
    expect(value(parseUnit('斤'))).toContain('per kg');
  });

  it('barcodes: several per cell, check digits verified, spreadsheet numbers explained', () => {
    const a = withGtinCheckDigit('690123456789');
    const b = withGtinCheckDigit('1234567');
    expect(value(parseBarcodes(` ${a} | ${b};${a}`))).toEqual([a, b]);
    expect(value(parseBarcodes(''))).toEqual([]);
    const wrong = a.slice(0, 12) + String((Number(a[12]) + 1) % 10);
    expect(barcodeProblem(wrong)).toContain(`expected ${a[12]}`);
    expect(barcodeProblem('6.90123E+12')).toContain('spreadsheet');
    expect(barcodeProblem('12345')).toContain('not an EAN-13');
  });

  it('categories and statuses', () => {
    expect(value(parseCategory('食品 > 饮料 / 茶饮'))).toBe('食品/饮料/茶饮');
    expect(parseCategory('食品//饮料').ok).toBe(false);
    expect(value(parseStatus(''))).toBe('active');
    expect(value(parseStatus('下架'))).toBe('inactive');
    expect(parseStatus('maybe').ok).toBe(false);
  });

  it('headers in Chinese or English; a missing required column is named', () => {
    const zh = mapHeader(['商品编码', '商品名称', '分类', '单位', '售价', '税率', '备注']);
    expect(zh.ok && zh.value.index).toEqual({ sku: 0, name: 1, category: 2, unit: 3, price: 4, tax_rate: 5 });
    const missing = mapHeader(['SKU', 'Name', 'Category', 'Unit', 'Price']);
    expect(!missing.ok && missing.params?.reason).toContain('tax_rate (税率)');
    expect(mapHeader(['sku', '商品编码', 'name', 'category', 'unit', 'price', 'tax_rate']).ok).toBe(false);
  });
});

describe('catalog text decoding', () => {
  const text = '商品编码,商品名称\nA1,可口可乐\n';
  it('UTF-8 with and without BOM, and GBK', () => {
    expect(decodeCatalogText(Buffer.from(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCatalogText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({
      text,
      encoding: 'utf-8',
    });
    expect(decodeCatalogText(iconv.encode(text, 'gbk'))).toEqual({ text, encoding: 'gb18030' });
  });
});
