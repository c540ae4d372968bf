import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sha256Hex } from '../crypto/token.ts';
import type { Db } from '../sqlite/database.ts';
import { sendError } from './reply.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'required': the write moves money or points and must carry an Idempotency-Key header */
    idempotent?: 'required';
  }
  interface FastifyRequest {
    idempotencyKey: string | null;
  }
}

const KEY = /^[\x21-\x7e]{1,128}$/;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Stored = { pending: true } | { unknown: true } | { status: number; body: string; contentType: string };

/**
 * HTTP idempotency (DESIGN: every write request carries an idempotency key; a retry never
 * double-charges or double-earns). A write with an `Idempotency-Key` header runs once: the key is
 * recorded before the handler runs and the answer after it, and a retry with the same key and the
 * same request gets the first answer back (`idempotent-replay: true`); with other content it is
 * IDEMPOTENCY_CONFLICT. A retry while the first is still running is IDEMPOTENCY_IN_PROGRESS; after a
 * crash between the two, IDEMPOTENCY_OUTCOME_UNKNOWN (never a second execution). Keys are per
 * staff user and route; they are kept 7 days.
 */
export function installIdempotency(app: FastifyInstance, db: Db, nowIso: () => string): void {
  const find = db.prepare('SELECT request_hash AS hash, response FROM idempotency WHERE key = ?');
  const begin = db.prepare(
    "INSERT INTO idempotency (key, scope, request_hash, response, created_at) VALUES (?, 'http', ?, '{\"pending\":true}', ?)",
  );
  const finish = db.prepare('UPDATE idempotency SET response = ? WHERE key = ?');
  app.decorateRequest('idempotencyKey', null);

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!WRITES.has(request.method)) return;
    const header = request.headers['idempotency-key'];
    const required = request.routeOptions.config?.idempotent === 'required';
    if (header === undefined)
      return required ? sendError(request, reply, 'IDEMPOTENCY_KEY_REQUIRED', 'Idempotency-Key') : undefined;
    if (typeof header !== 'string' || !KEY.test(header))
      return sendError(request, reply, 'VALIDATION_FAILED', 'Idempotency-Key', {
        reason: 'must be 1–128 visible ASCII characters',
      });
    // a body handed to the route as a raw stream (the statement upload) is not read yet, so it cannot be hashed or
    // replayed: such a request is not recorded by key (the statement import recognises a file it already has)
    if (request.body instanceof Readable) return;
    const key = `${request.session?.username ?? 'public'}|${request.method} ${request.routeOptions.url}|${header}`;
    const hash = sha256Hex(JSON.stringify([request.url, request.body ?? null]));
    const existing = find.get(key) as { hash: string; response: string } | undefined;
    if (existing) {
      if (existing.hash !== hash) return sendError(request, reply, 'IDEMPOTENCY_CONFLICT', 'Idempotency-Key');
      const stored = JSON.parse(existing.response) as Stored;
      if ('pending' in stored) return sendError(request, reply, 'IDEMPOTENCY_IN_PROGRESS', 'Idempotency-Key');
      if ('unknown' in stored) return sendError(request, reply, 'IDEMPOTENCY_OUTCOME_UNKNOWN', 'Idempotency-Key');
      return reply
        .code(stored.status)
        .header('content-type', stored.contentType)
        .header('idempotent-replay', 'true')
        .send(stored.body);
    }
    begin.run(key, hash, nowIso());
    request.idempotencyKey = key;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.idempotencyKey) return payload;
    const body =
      typeof payload === 'string'
        ? payload
        : Buffer.isBuffer(payload)
          ? payload.toString('utf8')
          : JSON.stringify(payload ?? null);
    finish.run(
      JSON.stringify({
        status: reply.statusCode,
        body,
        contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
      } satisfies Stored),
      request.idempotencyKey,
    );
    return payload;
  });
}

/**
 * At start: answers still pending were cut off by a stop or crash, so their outcome is unknown;
 * keys older than a week are forgotten.
 */
export function settleIdempotencyKeys(db: Db, weekAgoIso: string): void {
  db.prepare(
    "UPDATE idempotency SET response = '{\"unknown\":true}' WHERE scope = 'http' AND response = '{\"pending\":true}'",
  ).run();
  db.prepare("DELETE FROM idempotency WHERE scope = 'http' AND created_at < ?").run(weekAgoIso);
}
