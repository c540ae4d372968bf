import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorStatus } from '../../contracts/errors/catalog.ts';
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
 * Errors the router raises before any route runs (Fastify's `frameworkErrors`): a path parameter
 * longer than `maxParamLength` (Fastify: 414 FST_ERR_MAX_PARAM_LENGTH) and a URL whose
 * percent-encoding does not decode (FST_ERR_BAD_URL). Found by scripts/chaos/fuzz.ts.
 */
export function routerErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return sendError(request, reply, 'VALIDATION_FAILED', 'params', { reason: 'is too long' });
  if (error.code === 'FST_ERR_BAD_URL')
    return sendError(request, reply, 'VALIDATION_FAILED', 'url', { reason: 'is not a valid URL' });
  return sendError(request, reply, 'VALIDATION_FAILED', 'url', { reason: 'is invalid' });
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (Fastify's `clientErrorHandler`):
 * headers or URL past the parser's limit, bytes that are not HTTP, a request that timed out. Fastify's
 * default writes its own `{error, message, statusCode}`; these answer in the envelope (zh-CN: no
 * header could be read) and close the connection, as Node does. Found by scripts/chaos/fuzz.ts.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 'HEADERS_TOO_LARGE'
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'REQUEST_TIMEOUT'
        : 'MALFORMED_REQUEST';
  const status = errorStatus(code);
  const body = JSON.stringify(errorBody(code, 'zh-CN'));
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy();
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
