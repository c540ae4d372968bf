import { err, ok, type Result } from '../result.ts';
import { hasValidGtinCheckDigit, withGtinCheckDigit } from './gtin-check-digit.ts';
import { priceVerifierDigit } from './price-verifier-digit.ts';
import type { VariableMeasureLayouts } from './variable-measure-layout.ts';

/**
 * What a scanned code is. `gtin` is always the 13-digit key the catalog is indexed by:
 * UPC-A gets a leading 0 (it is EAN-13 `0…`), EAN-8 is padded with zeros (GS1 GTIN-13 form).
 */
export type ScannedCode =
  | { readonly kind: 'ean13'; readonly gtin: string }
  | { readonly kind: 'upca'; readonly gtin: string }
  | { readonly kind: 'ean8'; readonly gtin: string }
  | { readonly kind: 'plu'; readonly plu: string }
  | {
      readonly kind: 'variable';
      readonly gtin: string;
      readonly prefix: string;
      /** item digits as printed, leading zeros kept */
      readonly itemCode: string;
      readonly measure: 'weightGrams' | 'priceFen';
      readonly value: number;
      /** the code with the value zeroed and check digits recomputed: how HQ may list the item (biip `without_variable_measure`) */
      readonly baseGtin: string;
    };

export type ScanErrorCode =
  'CATALOG_BAD_BARCODE' | 'CATALOG_BAD_CHECK_DIGIT' | 'CATALOG_LABEL_ZERO_WEIGHT' | 'CATALOG_LABEL_ZERO_PRICE';

// ISO/IEC 15424 symbology identifier some scanners send first (]E0 EAN-13/UPC-A, ]E4 EAN-8).
const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;
const DIGITS = /^[0-9]+$/;
const PLU_MAX_DIGITS = 6;

/**
 * Classify a scanned or typed code: PLU (1–6 digits, for weighed goods keyed at the lane),
 * EAN-8, UPC-A (12), EAN-13, or a variable-measure EAN-13 when its prefix has a store layout
 * (refused when it carries 0 g or ¥0.00).
 */
export function classifyScannedCode(raw: string, layouts: VariableMeasureLayouts): Result<ScannedCode, ScanErrorCode> {
  const code = raw.trim().replace(AIM_PREFIX, '');
  if (!DIGITS.test(code)) return err('CATALOG_BAD_BARCODE', 'code', { code: raw });
  const n = code.length;
  if (n <= PLU_MAX_DIGITS) return ok({ kind: 'plu', plu: code });
  if (n !== 8 && n !== 12 && n !== 13) return err('CATALOG_BAD_BARCODE', 'code', { code });
  if (!hasValidGtinCheckDigit(code)) return err('CATALOG_BAD_CHECK_DIGIT', 'code', { code });
  if (n === 8) return ok({ kind: 'ean8', gtin: code.padStart(13, '0') });
  if (n === 12) return ok({ kind: 'upca', gtin: '0' + code });
  if (code[0] === '0') return ok({ kind: 'upca', gtin: code });
  const layout = layouts.get(code.slice(0, 2));
  if (!layout) return ok({ kind: 'ean13', gtin: code });

  const valueDigits = code.slice(layout.value.start, layout.value.start + layout.value.length);
  if (layout.verifierAt !== undefined && priceVerifierDigit(valueDigits) !== code.charCodeAt(layout.verifierAt) - 48) {
    return err('CATALOG_BAD_CHECK_DIGIT', 'verifier', { code });
  }
  // a label printed with nothing on the scale (0 g) or a ¥0.00 price sells nothing: the scale must print it again
  const value = Number(valueDigits);
  if (value === 0)
    return err(layout.measure === 'weightGrams' ? 'CATALOG_LABEL_ZERO_WEIGHT' : 'CATALOG_LABEL_ZERO_PRICE', 'code', {
      code,
    });
  const zeroed = Array.from(code.slice(0, 12));
  zeroed.fill('0', layout.value.start, layout.value.start + layout.value.length);
  if (layout.verifierAt !== undefined)
    zeroed[layout.verifierAt] = String(priceVerifierDigit('0'.repeat(layout.value.length)));
  return ok({
    kind: 'variable',
    gtin: code,
    prefix: layout.prefix,
    itemCode: code.slice(layout.item.start, layout.item.start + layout.item.length),
    measure: layout.measure,
    value,
    baseGtin: withGtinCheckDigit(zeroed.join('')),
  });
}
