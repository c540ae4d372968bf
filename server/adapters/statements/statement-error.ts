import type { StatementErrorCode } from '../../contracts/errors/statements.errors.ts';
import type {
  StatementError,
  StatementParseResult,
  StatementRejection,
} from '../../app/ports/statement-parser.port.ts';

export type { StatementError, StatementParseResult, StatementRejection };

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
