import type { Err, Ok } from '../../core/result.ts';
import type { ParsedStatement } from '../../core/reconciliation/index.ts';
import type { StatementErrorCode } from '../../contracts/errors/statements.errors.ts';

/** One reason a statement file was rejected; `line` is 1-based, 0 for the file as a whole. */
export type StatementError = {
  readonly line: number;
  readonly column?: string;
  readonly code: StatementErrorCode;
  /** English detail for logs and the CLI; the console renders `code` + `params` from the catalog */
  readonly message: string;
  readonly params: Readonly<Record<string, string | number>>;
};

/** Never a partial result: a rejected file yields its errors only. */
export type StatementRejection = Err<'STATEMENT_REJECTED'> & { readonly errors: readonly StatementError[] };
export type StatementParseResult = Ok<ParsedStatement> | StatementRejection;

/** A file with a million bad rows must not produce a million errors. */
export const MAX_ERRORS = 100;

/** Collects errors up to MAX_ERRORS; parsers stop checking rows once it is `full`. */
export class StatementErrors {
  readonly list: StatementError[] = [];

  add(
    line: number,
    code: StatementErrorCode,
    message: string,
    params: Record<string, string | number> = {},
    column?: string,
  ): void {
    if (this.full) return;
    this.list.push(column === undefined ? { line, code, message, params } : { line, column, code, message, params });
  }

  get full(): boolean {
    return this.list.length >= MAX_ERRORS;
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  reject(): StatementRejection {
    const errors = this.full
      ? [
          ...this.list,
          {
            line: 0,
            code: 'STATEMENT_TOO_MANY_ERRORS' as const,
            message: `checking stopped after ${MAX_ERRORS} errors`,
            params: { count: MAX_ERRORS },
          },
        ]
      : this.list;
    return { ok: false, code: 'STATEMENT_REJECTED', params: { count: this.list.length }, errors };
  }
}

/** A rejection with a single file-level error. */
export function rejectFile(
  code: StatementErrorCode,
  message: string,
  params: Record<string, string | number> = {},
  line = 0,
): StatementRejection {
  const errors = new StatementErrors();
  errors.add(line, code, message, params);
  return errors.reject();
}
