import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorStatus } from '../../contracts/errors/catalog.ts';
import { JsonTooDeepError, jsonTooDeep } from './json-depth.ts';
import { errorBody, sendError } from './reply.ts';

type ValidationDetail = { instancePath?: string; keyword?: string; params?: Record<string, unknown>; message?: string };

/** The JSON pointer of the offending field, as a dotted path (items.0.qty). */
function fieldOf(detail: ValidationDetail, context: string | undefined): string {
  const base = (detail.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  const extra = (detail.params?.missingProperty ?? detail.params?.additionalProperty) as string | undefined;
  const path = [base, extra].filter(Boolean).join('.');
  return path || context || 'body';
}

function reasonOf(detail: ValidationDetail): string {
  if (detail.keyword === 'additionalProperties') return 'is not an allowed field';
  if (detail.keyword === 'required') return 'is required';
  return detail.message ?? 'is invalid';
}

/**
 * Every error leaves as the catalog envelope; no stack trace ever reaches a client.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation && error.validation.length > 0) {
      const detail = error.validation[0] as ValidationDetail;
      return sendError(request, reply, 'VALIDATION_FAILED', fieldOf(detail, error.validationContext), {
        reason: reasonOf(detail),
      });
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendError(request, reply, 'MALFORMED_JSON');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(request, reply, 'BODY_TOO_LARGE');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(request, reply, 'UNSUPPORTED_MEDIA_TYPE');
      case 'JSON_TOO_DEEP':
        return sendError(request, reply, 'JSON_TOO_DEEP', 'body', {
          maxDepth: (error as unknown as JsonTooDeepError).maxDepth,
        });
      case 'FST_ERR_RATE_LIMIT_EXCEEDED':
        return sendError(request, reply, 'RATE_LIMITED');
    }
    if (error instanceof SyntaxError) return sendError(request, reply, 'MALFORMED_JSON');
    if (error.statusCode === 429) return sendError(request, reply, 'RATE_LIMITED');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
      return sendError(request, reply, 'VALIDATION_FAILED', undefined, { reason: error.message });
    request.log.error({ err: error }, 'request failed');
    return sendError(request, reply, 'INTERNAL');
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, 'NOT_FOUND'));
}

/**
 * The JSON body parser: Fastify's own (prototype-poisoning checks kept), behind a depth check on
 * the raw text, so a body nested deeper than http.maxJsonDepth is JSON_TOO_DEEP on every route
 * before any hook (idempotency, validation) walks it.
 */
export function installJsonBodyParser(app: FastifyInstance, maxDepth: number): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonTooDeep(body as string, maxDepth)) return done(new JsonTooDeepError(maxDepth), undefined);
    return parse(request, body as string, done);
  });
}

/**
 * Fastify's `frameworkErrors`: what its router refuses before any route runs (a path that is
 * not valid %-encoding, a path parameter over maxParamLength) in the envelope too.
 */
export function frameworkErrorReply(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return sendError(request, reply, 'BAD_URL');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return sendError(request, reply, 'PATH_PARAM_TOO_LONG');
    default:
      request.log.error({ err: error }, 'framework error');
      return sendError(request, reply, 'INTERNAL');
  }
}

/** Node's clientError codes → catalog codes; anything else the parser refused is MALFORMED_REQUEST. */
const CLIENT_ERRORS: Readonly<Record<string, string>> = {
  ERR_HTTP_REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  HPE_HEADER_OVERFLOW: 'HEADERS_TOO_LARGE',
};

/**
 * The HTTP server's 'clientError' (bad framing, oversized headers, request/header timeouts): the
 * socket has no request Fastify could answer, so the envelope is written raw, then the socket is
 * closed. As Node does, nothing is written once an in-flight response has sent its headers. No
 * request headers were parsed, so the message is in the default locale (zh-CN).
 */
export function writeClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    const code = CLIENT_ERRORS[error.code ?? ''] ?? 'MALFORMED_REQUEST';
    const status = errorStatus(code);
    const body = JSON.stringify(errorBody(code, 'zh-CN'));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/**
 * While the server drains on stop, a request still arriving on a busy keep-alive connection is
 * answered 503 UNAVAILABLE in the envelope, with `Connection: close`, before any other hook runs.
 */
export function installDrainAnswer(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!closing) return;
    reply.header('connection', 'close');
    return sendError(request, reply, 'UNAVAILABLE');
  });
}
