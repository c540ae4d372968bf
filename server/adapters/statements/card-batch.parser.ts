import type { StatementRow } from '../../core/reconciliation/index.ts';
import { parseDecimalFen } from './decimal-amount.ts';
import { forEachLine } from './line-reader.ts';
import { isoLocalDateTime } from './local-datetime.ts';
import { rejectFile, StatementErrors } from './statement-error.ts';
import type { StatementRejection } from './statement-error.ts';
import type { ParseStatementOptions, StatementBody, StatementParser } from './statement-parser.ts';
import { decoderFor } from './text-encoding.ts';

/**
 * Storebox card-terminal batch CSV (docs/reconciliation.md): UTF-8, a header row naming the columns
 * (any order), one row per sale or refund, and a control trailer `TOTAL,<rows>,<sales>,<refunds>`.
 * Fields are never quoted and never contain commas.
 */
const COLUMNS = [
  'merchant_id',
  'terminal_id',
  'batch_no',
  'date',
  'time',
  'reference_no',
  'auth_code',
  'card_mask',
  'amount',
  'type',
  'order_no',
  'orig_reference_no',
  'fee',
] as const;
type Column = (typeof COLUMNS)[number];
const TRAILER = 'TOTAL,';
/** PCI DSS 3.4: at most the first six and last four digits may show. */
const MAX_VISIBLE_DIGITS = 10;

export const cardBatchParser: StatementParser = {
  channel: 'card',
  parse: parseCardBatch,
};

async function parseCardBatch(
  bytes: Uint8Array,
  options: ParseStatementOptions,
): Promise<StatementBody | StatementRejection> {
  const errors = new StatementErrors();
  const rows: StatementRow[] = [];
  const col = {} as Record<Column, number>;
  let headerOk = false;
  let trailer: string[] | undefined;
  let trailerLine = 0;
  let merchantId: string | undefined;
  let periodStart = '';
  let periodEnd = '';
  const sums = { rows: 0, sales: 0, refunds: 0 };

  forEachLine(
    bytes,
    decoderFor('utf-8'),
    (text, line) => {
      if (errors.full) return;
      if (line === 1) {
        const header = text
          .replace(/^\uFEFF/, '')
          .split(',')
          .map((h) => h.trim());
        for (const c of COLUMNS) col[c] = header.indexOf(c);
        const missing = COLUMNS.filter((c) => col[c] < 0);
        if (missing.length > 0)
          errors.add(1, 'STATEMENT_UNRECOGNISED_LAYOUT', `header lacks ${missing.join(', ')}`, {
            reason: missing.join(', '),
          });
        headerOk = missing.length === 0;
        return;
      }
      if (!headerOk || text.trim() === '') return;
      if (trailer) {
        errors.add(line, 'STATEMENT_MALFORMED_ROW', 'text after the TOTAL line', { reason: 'after TOTAL' });
        return;
      }
      if (text.startsWith(TRAILER)) {
        trailer = text.split(',');
        trailerLine = line;
        return;
      }
      const f = text.split(',').map((v) => v.trim());
      if (f.length !== COLUMNS.length) {
        errors.add(line, 'STATEMENT_MALFORMED_ROW', `${f.length} fields, header has ${COLUMNS.length}`, {
          reason: `${f.length}/${COLUMNS.length}`,
        });
        return;
      }
      const get = (c: Column): string => f[col[c]];
      const mask = get('card_mask');
      if (!mask.includes('*') || mask.replace(/\D/g, '').length > MAX_VISIBLE_DIGITS) {
        // the value itself is not repeated: it may be a full card number
        errors.add(line, 'STATEMENT_UNMASKED_CARD', 'card_mask shows more than 6+4 digits', {}, 'card_mask');
        return;
      }
      const type = get('type');
      if (type !== 'SALE' && type !== 'REFUND') {
        errors.add(line, 'STATEMENT_UNKNOWN_TYPE', `type "${type}"`, { value: type }, 'type');
        return;
      }
      const amount = parseDecimalFen(get('amount'));
      const fee = get('fee') === '' ? 0 : parseDecimalFen(get('fee'));
      if (amount === undefined || amount <= 0 || fee === undefined) {
        const column: Column = amount === undefined || amount <= 0 ? 'amount' : 'fee';
        errors.add(
          line,
          'STATEMENT_MALFORMED_AMOUNT',
          `${column} is "${get(column)}"`,
          { column, value: get(column) },
          column,
        );
        return;
      }
      const occurredAt = isoLocalDateTime(`${get('date')} ${get('time')}`);
      if (occurredAt === undefined) {
        errors.add(
          line,
          'STATEMENT_MALFORMED_ROW',
          `date/time "${get('date')} ${get('time')}"`,
          { reason: 'date/time' },
          'date',
        );
        return;
      }
      if (merchantId === undefined) merchantId = get('merchant_id');
      else if (get('merchant_id') !== merchantId) {
        errors.add(
          line,
          'STATEMENT_MERCHANT_MISMATCH',
          `row is merchant ${get('merchant_id')}, earlier rows ${merchantId}`,
          { found: get('merchant_id'), expected: merchantId },
          'merchant_id',
        );
        return;
      }
      const businessDate = occurredAt.slice(0, 10);
      if (periodStart === '' || businessDate < periodStart) periodStart = businessDate;
      if (businessDate > periodEnd) periodEnd = businessDate;
      sums.rows++;
      const base = {
        channel: 'card' as const,
        merchantId,
        amountFen: amount,
        settledFen: amount,
        occurredAt,
        businessDate,
        line,
      };
      if (type === 'SALE') {
        sums.sales += amount;
        rows.push({
          ...base,
          merchantOrderNo: get('order_no'),
          channelTxnId: get('reference_no'),
          kind: 'payment',
          feeFen: fee,
        });
      } else {
        // a refund names the sale by its reference number; order_no, when the lane passed one, is our refund id
        sums.refunds += amount;
        const refundNo = get('order_no') || get('reference_no');
        rows.push({
          ...base,
          merchantOrderNo: '',
          channelTxnId: get('orig_reference_no'),
          kind: 'refund',
          refundRequestNo: refundNo,
          feeFen: 0 - Math.abs(fee),
        });
      }
    },
    options.onProgress,
  );

  if (errors.any) return errors.reject();
  if (!headerOk) return rejectFile('STATEMENT_UNRECOGNISED_LAYOUT', 'empty file', { reason: 'empty' });
  if (!trailer) return rejectFile('STATEMENT_TRUNCATED', 'no TOTAL line', { missing: 'TOTAL' });
  const checks: [string, string | undefined, number][] = [
    ['TOTAL rows', trailer[1], sums.rows],
    ['TOTAL sales', trailer[2], sums.sales],
    ['TOTAL refunds', trailer[3], sums.refunds],
  ];
  for (const [total, stated, computed] of checks) {
    const value = total === 'TOTAL rows' ? Number(stated) : parseDecimalFen(stated ?? '');
    if (value !== computed || stated === undefined || stated === '') {
      const shown = total === 'TOTAL rows' ? String(computed) : (computed / 100).toFixed(2);
      errors.add(trailerLine, 'STATEMENT_TOTALS_MISMATCH', `${total}: file says ${stated}, rows add up to ${shown}`, {
        total,
        stated: stated ?? '',
        computed: shown,
      });
    }
  }
  if (errors.any) return errors.reject();
  return { layout: 'card-batch-v1', merchantId: merchantId ?? '', merchantAliases: [], periodStart, periodEnd, rows };
}
