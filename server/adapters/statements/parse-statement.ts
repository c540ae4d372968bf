import { createHash } from 'node:crypto';
import { totalsOf } from '../../core/reconciliation/index.ts';
import type { StatementChannel, StatementRow } from '../../core/reconciliation/index.ts';
import { alipayBillParser } from './alipay-bill.parser.ts';
import { cardBatchParser } from './card-batch.parser.ts';
import { StatementErrors } from './statement-error.ts';
import type { StatementParseResult } from './statement-error.ts';
import type { ParseStatementOptions, StatementParser } from './statement-parser.ts';
import { unionpayZmParser } from './unionpay-zm.parser.ts';
import { wechatBillParser } from './wechat-bill.parser.ts';

/** One parser per channel (STYLE.md habit 8: registries are explicit arrays). */
export const statementParsers: readonly StatementParser[] = [
  alipayBillParser,
  wechatBillParser,
  unionpayZmParser,
  cardBatchParser,
];

/**
 * Bytes of a channel statement (plain, or as downloaded: Alipay .csv.zip, WeChat gzip, UnionPay zip)
 * → every row validated and normalised, or the whole file rejected with line-level errors.
 * `contentHash` (SHA-256 of the bytes as given) lets the caller make a re-import a no-op.
 */
export async function parseStatement(
  channel: StatementChannel,
  bytes: Uint8Array,
  options: ParseStatementOptions = {},
): Promise<StatementParseResult> {
  const parser = statementParsers.find((p) => p.channel === channel);
  if (!parser) throw new Error(`no statement parser for channel ${channel}`);
  const body = await parser.parse(bytes, options);
  if ('ok' in body) return body;

  const errors = new StatementErrors();
  const { expectMerchantId, expectDate } = options;
  if (
    expectMerchantId !== undefined &&
    body.merchantId !== expectMerchantId &&
    !body.merchantAliases.includes(expectMerchantId)
  ) {
    errors.add(
      0,
      'STATEMENT_MERCHANT_MISMATCH',
      `statement is merchant ${body.merchantId}, expected ${expectMerchantId}`,
      {
        found: body.merchantId,
        expected: expectMerchantId,
      },
    );
  }
  if (expectDate !== undefined && !(body.periodStart <= expectDate && expectDate <= body.periodEnd)) {
    const found = body.periodStart === body.periodEnd ? body.periodStart : `${body.periodStart}..${body.periodEnd}`;
    errors.add(0, 'STATEMENT_DATE_MISMATCH', `statement covers ${found || 'no day'}, expected ${expectDate}`, {
      found,
      expected: expectDate,
    });
  }
  checkIdentifiers(body.rows, errors);
  if (errors.any) return errors.reject();

  return {
    ok: true,
    value: {
      channel,
      layout: body.layout,
      merchantId: body.merchantId,
      periodStart: body.periodStart,
      periodEnd: body.periodEnd,
      rowCount: body.rows.length,
      rows: body.rows,
      totals: totalsOf(body.rows),
      contentHash: createHash('sha256').update(bytes).digest('hex'),
    },
  };
}

/** C0 controls (NUL, TAB, CR, LF, ESC …), DEL and C1 controls: never part of an order number or a transaction id. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const IDENTIFIERS = ['merchantOrderNo', 'channelTxnId', 'refundRequestNo'] as const;

/**
 * Every channel: the ids a row is matched by must be printable. A NUL or control character inside
 * one would match nothing (or the wrong tender) and corrupt the packed rows, so the file is refused.
 * The value is not echoed (it may not print).
 */
function checkIdentifiers(rows: readonly StatementRow[], errors: StatementErrors): void {
  for (const row of rows) {
    if (errors.full) return;
    for (const name of IDENTIFIERS) {
      const value = row[name];
      if (value !== undefined && CONTROL.test(value))
        errors.add(row.line, 'STATEMENT_CONTROL_CHARACTER', `${name} holds a control character`, {}, name);
    }
  }
}
