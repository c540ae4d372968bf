import { parse as parseCsv } from 'csv-parse/sync';
import type { Fen } from '../../core/money/index.ts';
import type { StatementRow } from '../../core/reconciliation/index.ts';
import { parseDecimalFen } from './decimal-amount.ts';
import { forEachLine } from './line-reader.ts';
import { addDays, isoLocalDateTime } from './local-datetime.ts';
import { rejectFile, StatementErrors } from './statement-error.ts';
import type { StatementRejection } from './statement-error.ts';
import type { ParseStatementOptions, StatementBody, StatementParser } from './statement-parser.ts';
import { decoderFor, headLines, misencodedAs } from './text-encoding.ts';
import { isZip, readZipMembers } from './zip-archive.ts';

/** Alipay trade bill 业务明细.csv (docs/formats.md §1.3): GBK, '#' preamble and trailer, TAB-padded fields. */
const TITLE = '#支付宝业务明细查询';
const SUMMARY_TITLE = '#支付宝业务汇总查询';
const ACCOUNT = /^#账号：\[(\d+)\]/;
const PERIOD =
  /起始日期：\[(\d{4})年(\d{2})月(\d{2})日 (\d{2}:\d{2}:\d{2})\]\s*终止日期：\[(\d{4})年(\d{2})月(\d{2})日 (\d{2}:\d{2}:\d{2})\]/;
const LIST_START = /^#-+业务明细列表-+$/;
const LIST_END = /^#-+业务明细列表结束-+$/;
const TRADE_TOTAL = /^#交易合计：(\d+)笔，商家实收共(-?[\d.]+)元，商家优惠共(-?[\d.]+)元/;
const REFUND_TOTAL = /^#退款合计：(\d+)笔，商家实收退款共(-?[\d.]+)元，商家优惠退款共(-?[\d.]+)元/;
const ACCOUNT_SUFFIX = '0156';

/** Columns by header name (with （元）/(元) dropped); the older 22-column header names some differently. */
const COLUMNS = {
  tradeNo: ['支付宝交易号'],
  orderNo: ['商户订单号'],
  type: ['业务类型'],
  finishedAt: ['完成时间'],
  orderAmount: ['订单金额'],
  received: ['商家实收', '交易金额'],
  refundNo: ['退款批次号/请求号', '退款批次号'],
  fee: ['服务费'],
} as const;
const MERCHANT_DISCOUNT = '商家优惠';

type Column = keyof typeof COLUMNS;

export const alipayBillParser: StatementParser = {
  channel: 'alipay',
  parse: parseAlipayBill,
};

async function parseAlipayBill(
  bytes: Uint8Array,
  options: ParseStatementOptions,
): Promise<StatementBody | StatementRejection> {
  let csv = bytes;
  if (isZip(bytes)) {
    const member = await detailMember(bytes);
    if ('ok' in member) return member;
    csv = member;
  }
  const head = headLines(csv, 'gbk', 1)[0] ?? '';
  if (!head.startsWith(TITLE)) {
    if (misencodedAs(csv, 'gbk', TITLE.slice(1))) {
      return rejectFile(
        'STATEMENT_WRONG_ENCODING',
        'the bill is UTF-8; Alipay bills are GBK',
        { expected: 'GBK', found: 'UTF-8' },
        1,
      );
    }
    const reason = head.startsWith(SUMMARY_TITLE)
      ? 'this is the summary (汇总) file; import 业务明细.csv'
      : `first line is not ${TITLE}`;
    return rejectFile('STATEMENT_UNRECOGNISED_LAYOUT', reason, { reason }, 1);
  }

  const errors = new StatementErrors();
  let account = '';
  let periodStart = '';
  let periodEnd = '';
  let state: 'preamble' | 'header' | 'rows' | 'trailer' = 'preamble';
  let headerLine = 0;
  let header: string[] = [];
  const block: string[] = [];
  const trailer: { trade?: RegExpExecArray; refund?: RegExpExecArray } = {};

  forEachLine(
    csv,
    decoderFor('gbk'),
    (text, lineNo) => {
      switch (state) {
        case 'preamble': {
          const acc = ACCOUNT.exec(text);
          if (acc) account = acc[1];
          const period = PERIOD.exec(text);
          if (period) {
            periodStart = `${period[1]}-${period[2]}-${period[3]}`;
            const end = `${period[5]}-${period[6]}-${period[7]}`;
            // the end is exclusive when it is midnight: [09-16 00:00, 09-17 00:00) is the day 09-16
            periodEnd = period[8] === '00:00:00' ? addDays(end, -1) : end;
          }
          if (LIST_START.test(text)) state = 'header';
          return;
        }
        case 'header':
          headerLine = lineNo;
          header = text.split(',').map((h) => columnName(h));
          state = 'rows';
          return;
        case 'rows':
          if (LIST_END.test(text)) state = 'trailer';
          else block.push(text);
          return;
        case 'trailer':
          trailer.trade ??= TRADE_TOTAL.exec(text) ?? undefined;
          trailer.refund ??= REFUND_TOTAL.exec(text) ?? undefined;
      }
    },
    options.onProgress,
  );

  if (!account) errors.add(2, 'STATEMENT_UNRECOGNISED_LAYOUT', 'no #账号 line', { reason: '#账号' });
  if (!periodStart) errors.add(3, 'STATEMENT_UNRECOGNISED_LAYOUT', 'no #起始日期 line', { reason: '#起始日期' });
  if (state === 'preamble' || state === 'header')
    errors.add(0, 'STATEMENT_TRUNCATED', 'no header row', { missing: '业务明细列表' });
  else if (state === 'rows')
    errors.add(0, 'STATEMENT_TRUNCATED', 'no end-of-list line', { missing: '业务明细列表结束' });
  else {
    if (!trailer.trade) errors.add(0, 'STATEMENT_TRUNCATED', 'no #交易合计 line', { missing: '#交易合计' });
    if (!trailer.refund) errors.add(0, 'STATEMENT_TRUNCATED', 'no #退款合计 line', { missing: '#退款合计' });
  }
  if (errors.any) return errors.reject();

  const col = {} as Record<Column, number>;
  for (const key of Object.keys(COLUMNS) as Column[]) {
    col[key] = header.findIndex((h) => (COLUMNS[key] as readonly string[]).includes(h));
    if (col[key] < 0)
      errors.add(headerLine, 'STATEMENT_UNRECOGNISED_LAYOUT', `header has no ${COLUMNS[key][0]} column`, {
        reason: COLUMNS[key][0],
      });
  }
  if (errors.any) return errors.reject();
  const discountCol = header.indexOf(MERCHANT_DISCOUNT);

  const pid = account.length === 20 && account.endsWith(ACCOUNT_SUFFIX) ? account.slice(0, 16) : account;
  const rows: StatementRow[] = [];
  const sums = { trades: 0, tradeReceived: 0, tradeDiscount: 0, refunds: 0, refundReceived: 0, refundDiscount: 0 };
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(block.join('\n'), {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as typeof records;
  } catch (e) {
    // csv-parse throws on what relax_quotes cannot mend (a quote left open to the end of the list): the
    // file is refused like any other unreadable layout, not a 500 (found by scripts/chaos/fuzz.ts)
    const lines = (e as { lines?: number }).lines ?? 0;
    const reason = (e as { code?: string }).code ?? 'CSV';
    return rejectFile('STATEMENT_UNRECOGNISED_LAYOUT', (e as Error).message, { reason }, headerLine + lines);
  }

  for (const { record, info } of records) {
    const line = headerLine + info.lines;
    if (errors.full) break;
    if (record.length !== header.length) {
      errors.add(line, 'STATEMENT_MALFORMED_ROW', `${record.length} fields, header has ${header.length}`, {
        reason: `${record.length}/${header.length}`,
      });
      continue;
    }
    const field = (c: number): string => record[c].replace(/\t/g, '').trim();
    const amount = (c: number): Fen | undefined => {
      const text = field(c);
      const value = parseDecimalFen(text);
      if (value === undefined)
        errors.add(
          line,
          'STATEMENT_MALFORMED_AMOUNT',
          `${header[c]} is "${text}"`,
          { column: header[c], value: text },
          header[c],
        );
      return value;
    };
    const type = field(col.type);
    const refund = type === '退款';
    if (!refund && type !== '交易') {
      errors.add(line, 'STATEMENT_UNKNOWN_TYPE', `业务类型 "${type}"`, { value: type }, header[col.type]);
      continue;
    }
    const occurredAt = isoLocalDateTime(field(col.finishedAt));
    if (occurredAt === undefined) {
      errors.add(
        line,
        'STATEMENT_MALFORMED_ROW',
        `完成时间 "${field(col.finishedAt)}"`,
        { reason: '完成时间' },
        header[col.finishedAt],
      );
      continue;
    }
    const orderAmount = amount(col.orderAmount);
    const received = amount(col.received);
    const fee = amount(col.fee);
    const discount = discountCol >= 0 ? amount(discountCol) : 0;
    if (orderAmount === undefined || received === undefined || fee === undefined || discount === undefined) continue;
    // 订单金额 / 商家实收 are negative on 退款 rows and never negative on 交易 rows
    if (refund ? orderAmount > 0 : orderAmount < 0) {
      errors.add(
        line,
        'STATEMENT_MALFORMED_AMOUNT',
        `${header[col.orderAmount]} has the wrong sign for ${type}`,
        { column: header[col.orderAmount], value: field(col.orderAmount) },
        header[col.orderAmount],
      );
      continue;
    }
    const businessDate = occurredAt.slice(0, 10);
    if (businessDate < periodStart || businessDate > periodEnd) {
      errors.add(
        line,
        'STATEMENT_MALFORMED_ROW',
        `完成时间 ${occurredAt} is outside the bill period ${periodStart}..${periodEnd}`,
        { reason: '完成时间' },
        header[col.finishedAt],
      );
      continue;
    }
    if (refund) {
      sums.refunds++;
      sums.refundReceived += received;
      sums.refundDiscount += discount;
    } else {
      sums.trades++;
      sums.tradeReceived += received;
      sums.tradeDiscount += discount;
    }
    const refundNo = field(col.refundNo);
    rows.push({
      channel: 'alipay',
      merchantId: pid,
      merchantOrderNo: field(col.orderNo),
      channelTxnId: field(col.tradeNo),
      kind: refund ? 'refund' : 'payment',
      ...(refund && refundNo !== '' ? { refundRequestNo: refundNo } : {}),
      amountFen: Math.abs(orderAmount),
      settledFen: Math.abs(received),
      // 服务费 sign is not settled across samples (docs/formats.md §1.3 [?]): charged on trades, given back on refunds
      feeFen: refund ? 0 - Math.abs(fee) : Math.abs(fee),
      occurredAt,
      businessDate,
      line,
    });
  }
  if (errors.any) return errors.reject();

  const { trade, refund: refunds } = trailer as Required<typeof trailer>;
  const checks: [string, string, number][] = [
    ['交易合计 笔数', trade[1], sums.trades],
    ['交易合计 商家实收', trade[2], sums.tradeReceived],
    ['退款合计 笔数', refunds[1], sums.refunds],
    ['退款合计 商家实收退款', refunds[2], sums.refundReceived],
  ];
  if (discountCol >= 0)
    checks.push(
      ['交易合计 商家优惠', trade[3], sums.tradeDiscount],
      ['退款合计 商家优惠退款', refunds[3], sums.refundDiscount],
    );
  for (const [total, stated, computed] of checks) {
    const isCount = total.endsWith('笔数');
    const statedValue = isCount ? Number(stated) : parseDecimalFen(stated);
    if (statedValue !== computed) {
      const shown = isCount ? String(computed) : (computed / 100).toFixed(2);
      errors.add(0, 'STATEMENT_TOTALS_MISMATCH', `${total}: file says ${stated}, rows add up to ${shown}`, {
        total,
        stated,
        computed: shown,
      });
    }
  }
  if (errors.any) return errors.reject();

  return { layout: 'alipay-trade-detail', merchantId: pid, merchantAliases: [account], periodStart, periodEnd, rows };
}

/** Strip the TABs Alipay pads fields with, and the （元）/(元) unit suffix. */
function columnName(raw: string): string {
  return raw
    .replace(/\t/g, '')
    .trim()
    .replace(/[（(]元[）)]$/, '');
}

/** The 业务明细.csv member of the downloaded zip, found by its GBK-decoded name or its first line. */
async function detailMember(bytes: Uint8Array): Promise<Uint8Array | StatementRejection> {
  let members;
  try {
    members = await readZipMembers(bytes);
  } catch (e) {
    return rejectFile('STATEMENT_BAD_ARCHIVE', (e as Error).message, { reason: (e as Error).message });
  }
  const gbk = decoderFor('gbk');
  const byName = members.find((m) => gbk.decode(m.rawName).endsWith('_业务明细.csv'));
  const byTitle = members.find((m) => (headLines(m.data, 'gbk', 1)[0] ?? '').startsWith(TITLE));
  const found = byName ?? byTitle;
  if (!found)
    return rejectFile('STATEMENT_BAD_ARCHIVE', 'no 业务明细.csv member in the archive', { reason: '业务明细.csv' });
  return found.data;
}
