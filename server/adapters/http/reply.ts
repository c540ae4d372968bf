import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorMessage, errorStatus, type Locale } from '../../contracts/errors/catalog.ts';
import type { Err, Result } from '../../core/result.ts';

/** zh-CN unless the client prefers English. */
export function localeOf(request: Pick<FastifyRequest, 'headers'>): Locale {
  const lang = request.headers['accept-language'];
  return typeof lang === 'string' && /^en\b/i.test(lang.trim()) ? 'en' : 'zh-CN';
}

export type ErrorBody = {
  ok: false;
  error: { code: string; message: string; field?: string; params?: Record<string, string | number> };
};

export function errorBody(
  code: string,
  locale: Locale,
  field?: string,
  params?: Readonly<Record<string, string | number>>,
): ErrorBody {
  const error: ErrorBody['error'] = { code, message: errorMessage(code, locale, { field: field ?? '', ...params }) };
  if (field !== undefined) error.field = field;
  if (params !== undefined) error.params = { ...params };
  return { ok: false, error };
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: string,
  field?: string,
  params?: Readonly<Record<string, string | number>>,
) {
  return reply.code(errorStatus(code)).send(errorBody(code, localeOf(request), field, params));
}

/** `{ok: true, data}` or the error envelope with the catalog's status. */
export function sendResult<T>(request: FastifyRequest, reply: FastifyReply, result: Result<T>, successStatus = 200) {
  if (result.ok) return reply.code(successStatus).send({ ok: true, data: result.value });
  const e = result as Err;
  return sendError(request, reply, e.code, e.field, e.params);
}

type Warning = { readonly code: string; readonly params: Readonly<Record<string, string | number>> };

/** A reply's `warnings` ({code, params}) with each message from the catalog, in the client's locale. */
export function withWarningMessages<T extends { readonly warnings: readonly Warning[] }>(
  value: T,
  locale: Locale,
): T & { warnings: Array<Warning & { message: string }> } {
  return {
    ...value,
    warnings: value.warnings.map((w) => ({ ...w, message: errorMessage(w.code, locale, w.params) })),
  };
}
