import type { ErrorCatalogPart } from './error-entry.ts';

/** Errors every edge can answer: validation, auth, generic. */
export const commonErrors = {
  VALIDATION_FAILED: { status: 400, zh: '请求参数无效：{field} {reason}', en: 'Invalid request: {field} {reason}' },
  MALFORMED_JSON: { status: 400, zh: '请求体不是有效的 JSON', en: 'Request body is not valid JSON' },
  BODY_TOO_LARGE: { status: 413, zh: '请求体过大', en: 'Request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  NOT_FOUND: { status: 404, zh: '资源不存在', en: 'Not found' },
  AUTH_REQUIRED: { status: 401, zh: '请先登录', en: 'Authentication required' },
  AUTH_INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  AUTH_TOKEN_INVALID: { status: 401, zh: '登录已失效，请重新登录', en: 'Session expired or invalid; log in again' },
  AUTH_FORBIDDEN: { status: 403, zh: '当前角色无权执行此操作', en: 'Your role may not do this' },
  AUTH_RATE_LIMITED: { status: 429, zh: '尝试过于频繁，请稍后再试', en: 'Too many attempts; try again later' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  IDEMPOTENCY_CONFLICT: {
    status: 409,
    zh: '同一请求编号对应了不同的内容',
    en: 'The same request id was sent with different content',
  },
  IDEMPOTENCY_KEY_REQUIRED: {
    status: 400,
    zh: '此操作需要 Idempotency-Key 请求头（重试时使用同一个）',
    en: 'This write needs an Idempotency-Key header (send the same one when retrying)',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    zh: '同一请求正在处理中，请稍后重试',
    en: 'The same request is still being processed; retry shortly',
  },
  IDEMPOTENCY_OUTCOME_UNKNOWN: {
    status: 409,
    zh: '该请求被中断，结果未知，请先查询再决定是否重做',
    en: 'That request was interrupted and its outcome is unknown; check before doing it again',
  },
  HEADERS_TOO_LARGE: { status: 431, zh: '请求头或网址过长', en: 'Request headers or URL too large' },
  MALFORMED_REQUEST: { status: 400, zh: '请求不是有效的 HTTP', en: 'The request is not valid HTTP' },
  REQUEST_TIMEOUT: { status: 408, zh: '请求超时', en: 'The request timed out' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  UNAVAILABLE: { status: 503, zh: '服务暂不可用', en: 'Service unavailable' },
} as const satisfies ErrorCatalogPart;
