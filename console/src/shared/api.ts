import { locale } from './i18n.ts';

/** The box's reply envelope (STYLE.md habit 7). */
export type ApiError = { code: string; message: string; field?: string; params?: Record<string, string | number> };
export type ApiReply<T> = { ok: true; data: T; status: number } | { ok: false; error: ApiError; status: number };

/**
 * Calls the box's REST API with the session cookie (same origin) and asks for messages in the UI
 * language; a network failure becomes an error reply, so pages handle one shape.
 */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; token?: string; idempotencyKey?: string } = {},
): Promise<ApiReply<T>> {
  const headers: Record<string, string> = { 'accept-language': locale() === 'en' ? 'en' : 'zh-CN' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  // writes whose retry must not apply twice (a receipt, a count): the same key answers the first reply
  if (init.idempotencyKey) headers['idempotency-key'] = init.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'same-origin',
    });
  } catch {
    return {
      ok: false,
      status: 0,
      error: { code: 'NETWORK', message: locale() === 'en' ? 'The box cannot be reached' : '无法连接到门店服务器' },
    };
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const envelope = body as { ok?: boolean; data?: T; error?: ApiError } | undefined;
  if (envelope?.ok === true) return { ok: true, data: envelope.data as T, status: res.status };
  if (envelope?.ok === false && envelope.error) return { ok: false, error: envelope.error, status: res.status };
  return { ok: false, status: res.status, error: { code: 'HTTP_' + res.status, message: `HTTP ${res.status}` } };
}

/** A fresh Idempotency-Key (getRandomValues: randomUUID needs a secure context, the LAN console may be plain HTTP). */
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
