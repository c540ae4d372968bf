import { Type, type Static } from '@sinclair/typebox';

/**
 * How a store's label scales lay out a GS1 variable-measure EAN-13 (prefixes 20–29, docs/formats.md §8.3).
 * Positions are 0-based indexes into the 13-digit code; digits 0–1 are the prefix and digit 12 is
 * the EAN check digit, so item, value and verifier sit in 2…11.
 * Wire schema of the core's VariableMeasureLayout (server/core/catalog/variable-measure-layout.ts).
 * China's label-scale default `FF IIIII VVVVV C` is {item: {start: 2, length: 5}, value: {start: 7, length: 5}}.
 */
const DigitSpan = Type.Object(
  {
    start: Type.Integer({ minimum: 2, maximum: 11 }),
    length: Type.Integer({ minimum: 1, maximum: 10 }),
  },
  { additionalProperties: false },
);

export const VariableMeasureLayoutSchema = Type.Object(
  {
    prefix: Type.String({ pattern: '^2[0-9]$', description: 'two-digit GS1 RCN prefix 20–29' }),
    /** weightGrams: value is net weight in g (kg, 3 dp); priceFen: value is the price in fen (2 dp). */
    measure: Type.Union([Type.Literal('weightGrams'), Type.Literal('priceFen')]),
    item: DigitSpan,
    value: DigitSpan,
    /** Position of the GS1 price/weight verifier digit (§7.9.3), only for 4- or 5-digit values. */
    verifierAt: Type.Optional(Type.Integer({ minimum: 2, maximum: 11 })),
  },
  { additionalProperties: false },
);
export type VariableMeasureLayout = Static<typeof VariableMeasureLayoutSchema>;

export const VariableMeasureLayoutsSchema = Type.Array(VariableMeasureLayoutSchema, { maxItems: 10 });
