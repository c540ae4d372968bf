import type { StatementChannel, StatementRow } from '../../core/reconciliation/index.ts';
import type { StatementRejection } from './statement-error.ts';

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
