import type { ParsedStatement, StatementChannel } from '../../core/reconciliation/index.ts';
import type { Err, Ok } from '../../core/result.ts';
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

export type ParseStatementOptions = {
  /** reject the file unless it is this merchant's (Alipay PID or account, WeChat mch_id / sub_mch_id, UnionPay merId, card merchant id) */
  readonly expectMerchantId?: string;
  /** reject the file unless its period covers this business day, `YYYY-MM-DD` */
  readonly expectDate?: string;
  /** called every 100,000 lines and at the end */
  readonly onProgress?: (linesDone: number) => void;
  /** WeChat: `hash_value` (SHA-1 of the uncompressed bill) from the download answer */
  readonly expectSha1?: string;
  /** UnionPay: the file or member name (`INN<YYMMDD>88ZM_<merId>`, `<merId>_<yyyyMMdd>.zip`), which carries the settlement date */
  readonly fileName?: string;
  /** UnionPay: the settlement date `YYYY-MM-DD`, when no name carries it */
  readonly settleDate?: string;
};

/** Reads one channel's statement file (a bill, a ZM file, a card batch) into normalised rows, or says why not. */
export type ParseStatement = (
  channel: StatementChannel,
  bytes: Uint8Array,
  options: ParseStatementOptions,
) => Promise<StatementParseResult>;
