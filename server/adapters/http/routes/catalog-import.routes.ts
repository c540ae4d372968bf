import type { FastifyInstance } from 'fastify';
import type { CatalogService } from '../../../app/catalog/catalog-service.ts';
import { importCatalog } from '../../../app/catalog/import-catalog.ts';
import type { StoreContext } from '../../../app/store-context.ts';
import { CatalogImportQuerySchema } from '../../../contracts/catalog/catalog-import.schema.ts';
import { readCatalogFile } from '../../catalog-import/read-catalog-file.ts';
import { errorBody, localeOf, sendResult } from '../reply.ts';

/** 200k products as CSV are about 20 MB; leave room for long names. */
export const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;

/**
 * POST /api/v1/catalog/import (manager): the body is the file itself. Registered as its own plugin
 * so its raw-body parsers (CSV and JSON kept as bytes: the file's SHA-256 and encoding detection need
 * them) apply to this route only.
 */
export function catalogImportRoutes(ctx: StoreContext, catalog: CatalogService) {
  return async (app: FastifyInstance) => {
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser(
      ['application/json', 'text/csv', 'text/plain', 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    app.post<{ Querystring: typeof CatalogImportQuerySchema.static; Body: Buffer }>(
      '/api/v1/catalog/import',
      {
        config: { role: 'manager' },
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: { tags: ['catalog'], querystring: CatalogImportQuerySchema },
      },
      async (request, reply) => {
        const { partial, dryRun, fileName } = request.query;
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const result = importCatalog({ ...ctx, readCatalogFile }, body, {
          fileName,
          contentType: request.headers['content-type'],
          partial,
          dryRun,
          actor: request.session!.username,
        });
        if (!result.ok) return sendResult(request, reply, result);
        const summary = result.value;
        if (summary.outcome === 'rejected')
          return reply.code(422).send({
            ...errorBody('IMPORT_HAS_ERRORS', localeOf(request), undefined, { count: summary.badRows }),
            data: summary,
          });
        if (summary.imported > 0) catalog.refresh();
        return reply.code(200).send({ ok: true, data: summary });
      },
    );
  };
}
