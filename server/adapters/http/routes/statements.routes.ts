import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { ReconciliationService } from '../../../app/reconciliation/reconciliation-service.ts';
import type { StoreContext } from '../../../app/store-context.ts';
import { errorMessage } from '../../../contracts/errors/catalog.ts';
import { STATEMENT_CHANNELS } from '../../../core/reconciliation/index.ts';
import { errorBody, localeOf, sendError, withWarningMessages } from '../reply.ts';

const Channel = Type.Union(STATEMENT_CHANNELS.map((c) => Type.Literal(c)));
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const ImportQuery = Type.Object(
  {
    channel: Channel,
    /** the downloaded file's name: UnionPay's carries the settlement date */
    fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    /** refuse the file unless its period covers this day */
    date: Type.Optional(Day),
    /** WeChat: hash_value (SHA-1 of the uncompressed bill) from the download answer */
    expectSha1: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F]{40}$' })),
    /** UnionPay: settlement date when no file name carries it */
    settleDate: Type.Optional(Day),
  },
  { additionalProperties: false },
);
const ListQuery = Type.Object(
  {
    channel: Type.Optional(Channel),
    date: Type.Optional(Day),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  },
  { additionalProperties: false },
);

class TooLarge extends Error {}

/**
 * Statement files. POST /api/v1/statements/import takes the file as the raw body (any content type,
 * e.g. application/octet-stream), spooled to a temp file under the data directory while counting
 * bytes; the parse and the row writes run on a worker thread.
 */
export function statementsRoutes(ctx: StoreContext, reconciliation: ReconciliationService) {
  return async (app: FastifyInstance) => {
    // this plugin's routes take raw bytes: hand the request stream to the handler, unparsed
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    app.post<{ Querystring: typeof ImportQuery.static }>(
      '/api/v1/statements/import',
      { config: { role: 'manager' }, schema: { tags: ['reconciliation'], querystring: ImportQuery } },
      async (request, reply) => {
        const limit = ctx.config.reconciliation.maxStatementBytes;
        const dir = join(ctx.config.dataDir, 'tmp');
        mkdirSync(dir, { recursive: true });
        const file = join(dir, `statement-${randomUUID()}.upload`);
        let bytes = 0;
        const count = new Transform({
          transform(chunk: Buffer, _enc, cb) {
            bytes += chunk.length;
            cb(bytes > limit ? new TooLarge() : null, chunk);
          },
        });
        try {
          const body = request.body as Readable | undefined;
          if (body) await pipeline(body, count, createWriteStream(file));
        } catch (e) {
          rmSync(file, { force: true });
          if (e instanceof TooLarge) {
            reply.header('connection', 'close');
            return sendError(request, reply, 'RECON_STATEMENT_TOO_LARGE', 'body', { limit });
          }
          throw e;
        }
        if (bytes === 0) {
          rmSync(file, { force: true });
          return sendError(request, reply, 'RECON_STATEMENT_EMPTY', 'body');
        }
        const q = request.query;
        const outcome = await reconciliation.importFile({
          channel: q.channel,
          filePath: file,
          removeFile: true,
          actor: request.session!.username,
          ...(q.fileName !== undefined ? { fileName: q.fileName } : {}),
          ...(q.date !== undefined ? { expectDate: q.date } : {}),
          ...(q.expectSha1 !== undefined ? { expectSha1: q.expectSha1.toLowerCase() } : {}),
          ...(q.settleDate !== undefined ? { settleDate: q.settleDate } : {}),
        });
        if (outcome.ok)
          return reply
            .code(outcome.value.duplicate ? 200 : 201)
            .send({ ok: true, data: withWarningMessages(outcome.value, localeOf(request)) });
        if ('errors' in outcome) {
          // the whole file is refused: every line-level error, each with its catalog message
          const locale = localeOf(request);
          const body = errorBody(outcome.code, locale, 'body', outcome.params);
          const errors = outcome.errors.map((e) => ({
            ...e,
            message: errorMessage(e.code, locale, { ...e.params, column: e.column ?? '' }),
          }));
          return reply.code(422).send({ ok: false, error: { ...body.error, errors } });
        }
        return sendError(request, reply, outcome.code, outcome.field, outcome.params);
      },
    );

    app.get<{ Querystring: typeof ListQuery.static }>(
      '/api/v1/statements',
      { config: { role: 'manager' }, schema: { tags: ['reconciliation'], querystring: ListQuery } },
      async (request) => ({ ok: true, data: reconciliation.statementImports(request.query) }),
    );
  };
}
