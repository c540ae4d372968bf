import { Type } from '@sinclair/typebox';

/** POST /api/v1/catalog/import?partial=&fileName=&dryRun=: the body is the raw file (text/csv or application/json). */
export const CatalogImportQuerySchema = Type.Object(
  {
    partial: Type.Boolean({ default: false }),
    dryRun: Type.Boolean({ default: false }),
    fileName: Type.String({ minLength: 1, maxLength: 200, default: 'upload' }),
  },
  { additionalProperties: false },
);
