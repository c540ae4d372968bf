import { Type } from '@sinclair/typebox';

export const IsoDateSchema = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'local business date YYYY-MM-DD',
});
export const FenSchema = Type.Integer({ minimum: 0, description: 'integer fen (分)' });
export const BasisPointsSchema = Type.Integer({
  minimum: 0,
  maximum: 1_000_000,
  description: 'basis points, 10000 = 100% / ×1',
});
export const PositiveIntSchema = Type.Integer({ minimum: 1 });
export const CategoryPathSchema = Type.Array(Type.String({ minLength: 1 }), {
  minItems: 1,
  description: "category path from the root, e.g. ['服装', '女装']",
});
