import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { StatementRow } from '../../core/reconciliation/index.ts';
import { parseDecimalFen } from './decimal-amount.ts';
import { forEachByteLine } from './line-reader.ts';
import { isoLocalDateTime } from './local-datetime.ts';
import { rejectFile, StatementErrors } from './statement-error.ts';
import type { StatementRejection } from './statement-error.ts';
import type { ParseStatementOptions, StatementBody, StatementParser } from './statement-parser.ts';
import { headLines, misencodedAs } from './text-encoding.ts';

/**
 * WeChat Pay trade bill (docs/formats.md §2): UTF-8 with BOM, CRLF; a plain header, detail rows whose every
 * field starts with a backtick, a plain summary header and one backticked summary row.
 * ALL / SUCCESS / REFUND and the legacy pre-免充值券 column sets are told apart by header names.
 */
const DETAIL_TITLE = '交易时间';
const SUMMARY_TITLE = '总交易单数';
const FIELD_SEP = ',`';

const COLUMNS = {
  time: ['交易时间'],
  mchId: ['商户号'],
  subMchId: ['特约商户号', '子商户号'],
  txnId: ['微信订单号'],
  orderNo: ['商户订单号'],
  status: ['交易状态'],
  orderAmount: ['订单金额', '总金额'],
  settled: ['应结订单金额', '总金额'],
  refundNo: ['商户退款单号'],
  refundAmount: ['退款金额'],
  requestedRefund: ['申请退款金额'],
  refundStatus: ['退款状态'],
  refundAppliedAt: ['退款申请时间'],
  fee: ['手续费'],
  currency: ['货币种类'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: readonly Column[] = ['time', 'mchId', 'txnId', 'orderNo', 'status', 'orderAmount', 'settled', 'fee'];

/** Summary column → the detail column it totals ([V] summary headers of the current and legacy formats). */
const SUMMARY_OF: Readonly<Record<string, string>> = {
  应结订单总金额: '应结订单金额',
  退款总金额: '退款金额',
  充值券退款总金额: '充值券退款金额',
  手续费总金额: '手续费',
  订单总金额: '订单金额',
  申请退款总金额: '申请退款金额',
  总交易额: '总金额',
  总退款金额: '退款金额',
  总代金券或立减优惠退款金额: '代金券或立减优惠退款金额',
};
/** Amounts are taken as fen of CNY: a bill in another 货币种类 (USD, JPY, …) is refused, never converted. */
const CURRENCY = 'CNY';
/** 手续费 is printed with 5 decimals (`0.04000`); the others with 2. */
const FEE_PLACES = 5;

export const wechatBillParser: StatementParser = {
  channel: 'wechat',
  parse: parseWechatBill,
};

async function parseWechatBill(
  bytes: Uint8Array,
  options: ParseStatementOptions,
): Promise<StatementBody | StatementRejection> {
  let bill = bytes;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bill = gunzipSync(bytes);
    } catch (e) {
      const truncated = (e as NodeJS.ErrnoException).code === 'Z_BUF_ERROR';
      return truncated
        ? rejectFile('STATEMENT_TRUNCATED', 'gzip stream ends early', { missing: 'gzip end' })
        : rejectFile('STATEMENT_BAD_ARCHIVE', (e as Error).message, { reason: (e as Error).message });
    }
  }
  // v3 tradebill answers hash_value = SHA-1 of the uncompressed bill (docs/formats.md §2.1)
  if (
    options.expectSha1 !== undefined &&
    createHash('sha1').update(bill).digest('hex') !== options.expectSha1.toLowerCase()
  ) {
    return rejectFile('STATEMENT_HASH_MISMATCH', 'SHA-1 of the bill does not match hash_value');
  }
  const first = (headLines(bill, 'utf-8', 1)[0] ?? '').replace(/^\uFEFF/, '');
  if (!first.startsWith(DETAIL_TITLE)) {
    if (misencodedAs(bill, 'utf-8', DETAIL_TITLE)) {
      return rejectFile(
        'STATEMENT_WRONG_ENCODING',
        'the bill is GBK; WeChat Pay bills are UTF-8',
        { expected: 'UTF-8', found: 'GBK' },
        1,
      );
    }
    return rejectFile(
      'STATEMENT_UNRECOGNISED_LAYOUT',
      `first line is not a ${DETAIL_TITLE},… header`,
      { reason: DETAIL_TITLE },
      1,
    );
  }

  const header = first.split(',').map((h) => h.trim());
  const col = {} as Record<Column, number>;
  for (const key of Object.keys(COLUMNS) as Column[])
    col[key] = header.findIndex((h) => (COLUMNS[key] as readonly string[]).includes(h));
  const missing = REQUIRED.filter((k) => col[k] < 0);
  if (missing.length > 0) {
    const reason = missing.map((k) => COLUMNS[k][0]).join('、');
    return rejectFile('STATEMENT_UNRECOGNISED_LAYOUT', `header has no ${reason} column`, { reason }, 1);
  }
  const layout =
    col.refundAppliedAt >= 0
      ? 'wechat-trade-refund'
      : header.includes('总金额')
        ? 'wechat-trade-legacy'
        : col.refundNo >= 0
          ? 'wechat-trade-all'
          : 'wechat-trade-success';
  const summed = header
    .map((h, i) => ({ name: h, i, places: i === col.fee ? FEE_PLACES : 2 }))
    .filter((c) => Object.values(SUMMARY_OF).includes(c.name));
  const sums = new Map<string, number>(summed.map((c) => [c.name, 0]));
  const sumValues = new Array<number>(summed.length).fill(0);

  const errors = new StatementErrors();
  const rows: StatementRow[] = [];
  let state = 'header' as 'header' | 'rows' | 'summary' | 'done';
  let summaryHeader: string[] = [];
  let summaryLine = 0;
  let summary: string[] = [];
  let detailCount = 0;
  let mchId: string | undefined;
  let subMchId = '';
  let periodStart = '';
  let periodEnd = '';
  const n = header.length;
  // field bounds of the current row, in bytes: only the fields used become (small, independent) strings
  const buf = Buffer.from(bill.buffer, bill.byteOffset, bill.byteLength);
  const starts = new Int32Array(n + 1);
  const ends = new Int32Array(n + 1);
  const splitFields = (start: number, end: number): number => {
    let count = 0;
    starts[0] = start + 1; // after the leading backtick
    for (let p = start + 1; ;) {
      const q = buf.indexOf(FIELD_SEP, p);
      if (q < 0 || q >= end || count === n) break;
      ends[count++] = q;
      starts[count] = p = q + 2;
    }
    ends[count] = end;
    return count + 1;
  };
  const fieldOf = (c: number): string => buf.toString('utf8', starts[c], ends[c]);

  forEachByteLine(
    buf,
    (start, end, line) => {
      if (state === 'header') {
        state = 'rows';
        return;
      }
      if (state === 'rows') {
        if (buf[start] !== 0x60 /* ` */) {
          const text = buf.toString('utf8', start, end);
          if (text.startsWith(SUMMARY_TITLE)) {
            summaryHeader = text.split(',').map((h) => h.trim());
            state = 'summary';
          } else if (text.trim() !== '') {
            errors.add(line, 'STATEMENT_MALFORMED_ROW', 'detail row does not start with a backtick', { reason: '`' });
          }
          return;
        }
        detailCount++;
        if (errors.full) return;
        const count = splitFields(start, end);
        if (count !== n) {
          errors.add(line, 'STATEMENT_MALFORMED_ROW', `${count} fields, header has ${n}`, { reason: `${count}/${n}` });
          return;
        }
        if (mchId === undefined) {
          mchId = fieldOf(col.mchId);
          subMchId = col.subMchId >= 0 ? fieldOf(col.subMchId) : '';
        } else if (fieldOf(col.mchId) !== mchId || (col.subMchId >= 0 && fieldOf(col.subMchId) !== subMchId)) {
          errors.add(
            line,
            'STATEMENT_MERCHANT_MISMATCH',
            `row is merchant ${fieldOf(col.mchId)}, earlier rows ${mchId}`,
            { found: fieldOf(col.mchId), expected: mchId },
            '商户号',
          );
          return;
        }
        if (col.currency >= 0 && fieldOf(col.currency) !== CURRENCY) {
          const value = fieldOf(col.currency);
          errors.add(line, 'STATEMENT_UNSUPPORTED_CURRENCY', `货币种类 "${value}"`, { value }, '货币种类');
          return;
        }
        let bad = false;
        for (let s = 0; s < summed.length; s++) {
          const c = summed[s];
          const value = parseDecimalFen(fieldOf(c.i), c.places);
          if (value === undefined) {
            errors.add(
              line,
              'STATEMENT_MALFORMED_AMOUNT',
              `${c.name} is "${fieldOf(c.i)}"`,
              { column: c.name, value: fieldOf(c.i) },
              c.name,
            );
            bad = true;
          } else sumValues[s] += value;
        }
        const fee = parseDecimalFen(fieldOf(col.fee), FEE_PLACES);
        const orderAmount = parseDecimalFen(fieldOf(col.orderAmount));
        const settled = parseDecimalFen(fieldOf(col.settled));
        if (fee === undefined || orderAmount === undefined || settled === undefined) {
          if (!bad)
            errors.add(line, 'STATEMENT_MALFORMED_AMOUNT', 'amount columns are not decimals', {
              column: '订单金额',
              value: fieldOf(col.orderAmount),
            });
          return;
        }
        if (bad) return;

        const status = fieldOf(col.status);
        const refund = status === 'REFUND';
        if (!refund && status !== 'SUCCESS') {
          // REVOKED: a 付款码 payment reversed the same day, not settled; it only counts in the totals
          if (status !== 'REVOKED')
            errors.add(line, 'STATEMENT_UNKNOWN_TYPE', `交易状态 "${status}"`, { value: status }, '交易状态');
          return;
        }
        // refund rows: 交易时间 is when the refund was accepted; the REFUND bill prints that as 退款申请时间
        const timeCol = refund && col.refundAppliedAt >= 0 ? col.refundAppliedAt : col.time;
        const occurredAt = isoLocalDateTime(fieldOf(timeCol));
        if (occurredAt === undefined) {
          errors.add(
            line,
            'STATEMENT_MALFORMED_ROW',
            `${header[timeCol]} "${fieldOf(timeCol)}"`,
            { reason: header[timeCol] },
            header[timeCol],
          );
          return;
        }
        const businessDate = occurredAt.slice(0, 10);
        if (periodStart === '' || businessDate < periodStart) periodStart = businessDate;
        if (businessDate > periodEnd) periodEnd = businessDate;
        const merchantId = subMchId !== '' && subMchId !== '0' ? subMchId : (mchId as string);
        if (!refund) {
          rows.push({
            channel: 'wechat',
            merchantId,
            merchantOrderNo: fieldOf(col.orderNo),
            channelTxnId: fieldOf(col.txnId),
            kind: 'payment',
            amountFen: orderAmount,
            settledFen: settled,
            feeFen: fee,
            occurredAt,
            businessDate,
            line,
          });
          return;
        }
        if (col.refundStatus >= 0 && fieldOf(col.refundStatus) === 'FAIL') return; // the money did not go back: nothing to match
        const refundAmount = col.refundAmount >= 0 ? parseDecimalFen(fieldOf(col.refundAmount)) : undefined;
        const requested = col.requestedRefund >= 0 ? parseDecimalFen(fieldOf(col.requestedRefund)) : undefined;
        if (refundAmount === undefined) {
          errors.add(
            line,
            'STATEMENT_MALFORMED_AMOUNT',
            `退款金额 is "${col.refundAmount >= 0 ? fieldOf(col.refundAmount) : ''}"`,
            { column: '退款金额', value: col.refundAmount >= 0 ? fieldOf(col.refundAmount) : '' },
            '退款金额',
          );
          return;
        }
        const refundNo = col.refundNo >= 0 ? fieldOf(col.refundNo) : '';
        rows.push({
          channel: 'wechat',
          merchantId,
          merchantOrderNo: fieldOf(col.orderNo),
          channelTxnId: fieldOf(col.txnId),
          kind: 'refund',
          ...(refundNo !== '' && refundNo !== '0' ? { refundRequestNo: refundNo } : {}),
          // 申请退款金额 is what we asked for (our refund's amount); 退款金额 is net of 充值券 and is what leaves the account
          amountFen: requested !== undefined && requested > 0 ? requested : refundAmount,
          settledFen: refundAmount,
          feeFen: fee, // negative on refund rows: the fee given back
          occurredAt,
          businessDate,
          line,
        });
        return;
      }
      const text = buf.toString('utf8', start, end);
      if (state === 'summary') {
        summaryLine = line;
        summary = text.charCodeAt(0) === 96 ? text.split(FIELD_SEP).map((v, i) => (i === 0 ? v.slice(1) : v)) : [];
        state = 'done';
        return;
      }
      if (text.trim() !== '')
        errors.add(line, 'STATEMENT_MALFORMED_ROW', 'text after the summary row', { reason: 'after summary' });
    },
    options.onProgress,
  );

  if (state === 'rows') errors.add(0, 'STATEMENT_TRUNCATED', `no ${SUMMARY_TITLE} summary`, { missing: SUMMARY_TITLE });
  else if (state === 'summary' || summary.length !== summaryHeader.length)
    errors.add(summaryLine, 'STATEMENT_TRUNCATED', 'no summary row', { missing: SUMMARY_TITLE });
  if (errors.any) return errors.reject();

  summed.forEach((c, s) => sums.set(c.name, sumValues[s]));
  summaryHeader.forEach((name, i) => {
    const stated = summary[i];
    if (name === SUMMARY_TITLE) {
      if (Number(stated) !== detailCount || stated === '')
        errors.add(
          summaryLine,
          'STATEMENT_TOTALS_MISMATCH',
          `${name}: file says ${stated}, ${detailCount} rows`,
          { total: name, stated, computed: detailCount },
          name,
        );
      return;
    }
    const detail = SUMMARY_OF[name];
    const computed = detail === undefined ? undefined : sums.get(detail);
    if (computed === undefined) return; // a summary column this layout has no detail column for
    if (parseDecimalFen(stated, FEE_PLACES) !== computed) {
      const shown = (computed / 100).toFixed(2);
      errors.add(
        summaryLine,
        'STATEMENT_TOTALS_MISMATCH',
        `${name}: file says ${stated}, rows add up to ${shown}`,
        { total: name, stated, computed: shown },
        name,
      );
    }
  });
  if (errors.any) return errors.reject();

  const merchantId = subMchId !== '' && subMchId !== '0' ? subMchId : (mchId ?? '');
  return {
    layout,
    merchantId,
    merchantAliases: mchId !== undefined && mchId !== merchantId ? [mchId] : [],
    periodStart,
    periodEnd,
    rows,
  };
}
