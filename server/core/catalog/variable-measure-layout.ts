import { err, ok, type Result } from '../result.ts';

/**
 * How a store's label scales lay out a GS1 variable-measure EAN-13 (prefixes 20–29, docs/formats.md §8.3).
 * Positions are 0-based indexes into the 13-digit code; digits 0–1 are the prefix and digit 12 is
 * the EAN check digit, so item, value and verifier sit in 2…11. Wire schema:
 * server/contracts/catalog/variable-measure-layout.schema.ts (kept equal at compile time).
 */
export type DigitSpan = { start: number; length: number };

export type VariableMeasureLayout = {
  /** two-digit GS1 RCN prefix 20–29 */
  prefix: string;
  /** weightGrams: value is net weight in g (kg, 3 dp); priceFen: value is the price in fen (2 dp). */
  measure: 'weightGrams' | 'priceFen';
  item: DigitSpan;
  value: DigitSpan;
  /** Position of the GS1 price/weight verifier digit (§7.9.3), only for 4- or 5-digit values. */
  verifierAt?: number;
};

function invalid(path: string, reason: string) {
  return err('CATALOG_INVALID_LAYOUT', path, { path, reason });
}

/** A store's layouts keyed by prefix, validated once when the setting changes. */
export type VariableMeasureLayouts = ReadonlyMap<string, VariableMeasureLayout>;

/**
 * Index the store's layout setting by prefix, once its shape is checked at the edge
 * (server/app/catalog/catalog-input.ts): digit spans inside 2…11 that do not overlap, one layout per prefix.
 */
export function indexVariableMeasureLayouts(
  layouts: readonly VariableMeasureLayout[],
): Result<VariableMeasureLayouts, 'CATALOG_INVALID_LAYOUT'> {
  const byPrefix = new Map<string, VariableMeasureLayout>();
  for (let i = 0; i < layouts.length; i++) {
    const layout = layouts[i];
    const at = `/${i}`;
    if (byPrefix.has(layout.prefix)) return invalid(`${at}/prefix`, 'duplicate prefix');
    const used = new Set<number>();
    const spans: [string, number, number][] = [
      ['item', layout.item.start, layout.item.length],
      ['value', layout.value.start, layout.value.length],
    ];
    if (layout.verifierAt !== undefined) spans.push(['verifierAt', layout.verifierAt, 1]);
    for (const [name, start, length] of spans) {
      if (start + length > 12) return invalid(`${at}/${name}`, 'runs into the EAN check digit');
      for (let p = start; p < start + length; p++) {
        if (used.has(p)) return invalid(`${at}/${name}`, `digit ${p} is used twice`);
        used.add(p);
      }
    }
    if (layout.verifierAt !== undefined && layout.value.length !== 4 && layout.value.length !== 5) {
      return invalid(`${at}/verifierAt`, 'a verifier digit needs a 4- or 5-digit value');
    }
    byPrefix.set(layout.prefix, layout);
  }
  return ok(byPrefix);
}
