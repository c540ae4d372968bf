/**
 * Expected outcomes are returned, bugs are thrown (STYLE.md habit 3).
 * `code` is a stable error code listed in server/contracts/errors; `field` names the offending input.
 */
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<C extends string = string> = {
  readonly ok: false;
  readonly code: C;
  readonly field?: string;
  /** values the catalog message may interpolate, e.g. {barcode} */
  readonly params?: Readonly<Record<string, string | number>>;
};
export type Result<T, C extends string = string> = Ok<T> | Err<C>;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err<C extends string>(code: C, field?: string, params?: Record<string, string | number>): Err<C> {
  return field === undefined && params === undefined ? { ok: false, code } : { ok: false, code, field, params };
}
