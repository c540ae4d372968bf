import { errorCatalog, errorMessage } from '../../../server/contracts/errors/catalog.ts';
import type { ApiError } from './api.ts';
import { browserLocale, locale } from './i18n.ts';

/**
 * The text to show for an error reply: the box's own message, except when the box answered in
 * another language than the page shows (a WebSocket cannot send Accept-Language, so the box used
 * the browser's language): then the same catalog renders it in the page's language.
 */
export function errorText(error: ApiError, answeredIn = browserLocale()): string {
  if (answeredIn === locale() || !(error.code in errorCatalog)) return error.message;
  return errorMessage(error.code, locale(), { field: error.field ?? '', ...error.params });
}

/** A pricing refusal carried inside the cart (a coupon not applied, points not redeemed). */
export function reasonText(code: string, params: Readonly<Record<string, string | number>>): string {
  return code in errorCatalog ? errorMessage(code, locale(), params) : code;
}
