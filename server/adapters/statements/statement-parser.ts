import type { StatementChannel, StatementRow } from '../../core/reconciliation/index.ts';
import type { ParseStatementOptions } from '../../app/ports/statement-parser.port.ts';
import type { StatementRejection } from './statement-error.ts';

export type { ParseStatementOptions };

/** What a layout parser hands back before the checks common to all channels. */
export type StatementBody = {
  readonly layout: string;
  readonly merchantId: string;
  /** other spellings of the merchant id the file carries (Alipay: account = PID + "0156") */
  readonly merchantAliases: readonly string[];
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly rows: readonly StatementRow[];
};

export type StatementParser = {
  readonly channel: StatementChannel;
  readonly parse: (bytes: Uint8Array, options: ParseStatementOptions) => Promise<StatementBody | StatementRejection>;
};
