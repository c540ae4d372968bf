import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  ALIPAY_REAL_ROWS,
  alipayBillBytes,
  alipayBillText,
  alipayBillZip,
} from '../../../test/fixtures/statements/alipay-bill.fixture.ts';
import type { AlipayFixtureRow } from '../../../test/fixtures/statements/alipay-bill.fixture.ts';
import { zipArchive } from '../../../test/fixtures/statements/zip-archive.fixture.ts';
import { parseStatement } from './parse-statement.ts';
import type { StatementParseResult } from './statement-error.ts';

const DAY = '2019-09-16';
const rows: AlipayFixtureRow[] = [
  {
    tradeNo: '2019091622001458860515315001',
    orderNo: 'T-0001',
    type: '交易',
    finishedAt: `${DAY} 09:00:01`,
    amountFen: 12_345,
    receivedFen: 12_000,
    merchantDiscountFen: 345,
    feeFen: 74,
  },
  {
    tradeNo: '2019091622001458860515315002',
    orderNo: 'T-0002',
    type: '交易',
    finishedAt: `${DAY} 10:00:00`,
    amountFen: 500,
    feeFen: 3,
    remark: '"备注, 含逗号"',
  },
  {
    tradeNo: '2019091622001458860515315001',
    orderNo: 'T-0001',
    type: '退款',
    finishedAt: `${DAY} 18:30:00`,
    amountFen: 2_000,
    refundNo: 'T-0001-R1',
    feeFen: -12,
  },
];

function rejected(result: StatementParseResult) {
  if (result.ok) throw new Error('expected a rejection');
  return result.errors.map((e) => ({ line: e.line, code: e.code, ...(e.column ? { column: e.column } : {}) }));
}

describe('Alipay 业务明细 parser', () => {
  it('reads the real rows of docs/formats.md §1.3: TABs stripped, refund keyed by 退款批次号/请求号, positive amounts', async () => {
    const bytes = alipayBillBytes({
      rawRows: ALIPAY_REAL_ROWS,
      tradeTotal: '#交易合计：1笔，商家实收共0.01元，商家优惠共0.00元',
      refundTotal: '#退款合计：1笔，商家实收退款共-0.01元，商家优惠退款共0.00元',
    });
    const result = await parseStatement('alipay', bytes, { expectMerchantId: '2088021109625633', expectDate: DAY });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const s = result.value;
    expect(s).toMatchObject({
      channel: 'alipay',
      layout: 'alipay-trade-detail',
      merchantId: '2088021109625633',
      periodStart: DAY,
      periodEnd: DAY,
      rowCount: 2,
    });
    expect(s.contentHash).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(s.rows).toEqual([
      {
        channel: 'alipay',
        merchantId: '2088021109625633',
        merchantOrderNo: 'service_1568601259302',
        channelTxnId: '2019091622001458860515315453',
        kind: 'payment',
        amountFen: 1,
        settledFen: 1,
        feeFen: 0,
        occurredAt: '2019-09-16T10:55:23',
        businessDate: DAY,
        line: 6,
      },
      {
        channel: 'alipay',
        merchantId: '2088021109625633',
        merchantOrderNo: 'service_1568601259302',
        channelTxnId: '2019091622001458860515315453',
        kind: 'refund',
        refundRequestNo: 're_test_1568602607356',
        amountFen: 1,
        settledFen: 1,
        feeFen: 0,
        occurredAt: '2019-09-16T10:56:48',
        businessDate: DAY,
        line: 7,
      },
    ]);
  });

  it('normalises amounts, fees and a quoted remark with a comma; totals net the refund and the fee', async () => {
    const result = await parseStatement('alipay', alipayBillBytes({ rows }));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(
      result.value.rows.map((r) => [r.kind, r.merchantOrderNo, r.amountFen, r.settledFen, r.feeFen, r.refundRequestNo]),
    ).toEqual([
      ['payment', 'T-0001', 12_345, 12_000, 74, undefined],
      ['payment', 'T-0002', 500, 500, 3, undefined],
      ['refund', 'T-0001', 2_000, 2_000, -12, 'T-0001-R1'],
    ]);
    expect(result.value.totals).toEqual({
      paymentCount: 2,
      paymentFen: 12_845,
      refundCount: 1,
      refundFen: 2_000,
      feeFen: 65,
      netFen: 12_500 - 2_000 - 65,
    });
  });

  it('accepts the older 22-column header by column name', async () => {
    const result = await parseStatement('alipay', alipayBillBytes({ rows, legacyHeader: true }));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.rows.map((r) => [r.merchantOrderNo, r.amountFen, r.settledFen])).toEqual([
      ['T-0001', 12_345, 12_000],
      ['T-0002', 500, 500],
      ['T-0001', 2_000, 2_000],
    ]);
  });

  it('opens the downloaded zip whose member names are GBK with the UTF-8 flag clear', async () => {
    const zip = alipayBillZip({ rows });
    expect(zip.readUInt16LE(6) & 0x0800).toBe(0);
    const result = await parseStatement('alipay', zip, { expectMerchantId: '20880211096256330156' });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.rowCount).toBe(3);
  });

  it('finds the detail member by its first line when the name is unreadable', async () => {
    const zip = zipArchive([{ name: Buffer.from([0xff, 0xfe, 0x2e, 0x63]), data: alipayBillBytes({ rows }) }]);
    const result = await parseStatement('alipay', zip);
    expect(result.ok && result.value.rowCount).toBe(3);
  });

  it('rejects a UTF-8 file (its header reads as mojibake in GBK)', async () => {
    expect(rejected(await parseStatement('alipay', Buffer.from(alipayBillText({ rows }), 'utf8')))).toEqual([
      { line: 1, code: 'STATEMENT_WRONG_ENCODING' },
    ]);
  });

  it("rejects another merchant's bill and another day's bill", async () => {
    expect(
      rejected(await parseStatement('alipay', alipayBillBytes({ rows }), { expectMerchantId: '2088999999999999' })),
    ).toEqual([{ line: 0, code: 'STATEMENT_MERCHANT_MISMATCH' }]);
    expect(rejected(await parseStatement('alipay', alipayBillBytes({ rows }), { expectDate: '2019-09-17' }))).toEqual([
      { line: 0, code: 'STATEMENT_DATE_MISMATCH' },
    ]);
  });

  it('rejects a truncated file: no end marker, or no totals lines', async () => {
    expect(rejected(await parseStatement('alipay', alipayBillBytes({ rows, cut: 'end-marker' })))).toEqual([
      { line: 0, code: 'STATEMENT_TRUNCATED' },
    ]);
    expect(rejected(await parseStatement('alipay', alipayBillBytes({ rows, cut: 'totals' })))).toEqual([
      { line: 0, code: 'STATEMENT_TRUNCATED' },
      { line: 0, code: 'STATEMENT_TRUNCATED' },
    ]);
    const half = alipayBillBytes({ rows });
    expect(rejected(await parseStatement('alipay', half.subarray(0, half.length / 2)))[0].code).toBe(
      'STATEMENT_TRUNCATED',
    );
  });

  it('rejects control totals that do not match the rows', async () => {
    const result = await parseStatement(
      'alipay',
      alipayBillBytes({ rows, tradeTotal: '#交易合计：2笔，商家实收共125.01元，商家优惠共3.45元' }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatchObject({
        code: 'STATEMENT_TOTALS_MISMATCH',
        params: { total: '交易合计 商家实收', stated: '125.01', computed: '125.00' },
      });
    }
    expect(
      rejected(
        await parseStatement(
          'alipay',
          alipayBillBytes({ rows, refundTotal: '#退款合计：2笔，商家实收退款共-20.00元，商家优惠退款共0.00元' }),
        ),
      ),
    ).toEqual([{ line: 0, code: 'STATEMENT_TOTALS_MISMATCH' }]);
  });

  it('rejects malformed amounts, unknown types and bad times, naming line and column', async () => {
    const text = alipayBillText({ rows })
      .replace('123.45', '123.4.5')
      .replace(
        ',交易\t,商品,2019-09-16 10:00:00,2019-09-16 10:00:00',
        ',冻结\t,商品,2019-09-16 10:00:00,2019-09-16 10:00:00',
      );
    const lines = text.split('\r\n');
    lines[7] = lines[7].replaceAll('2019-09-16 18:30:00', '2019-09-16 25:30:00');
    expect(rejected(await parseStatement('alipay', iconv.encode(lines.join('\r\n'), 'gbk')))).toEqual([
      { line: 6, code: 'STATEMENT_MALFORMED_AMOUNT', column: '订单金额' },
      { line: 7, code: 'STATEMENT_UNKNOWN_TYPE', column: '业务类型' },
      { line: 8, code: 'STATEMENT_MALFORMED_ROW', column: '完成时间' },
    ]);
  });

  it('rejects the summary member given alone, a corrupt zip, and a zip without a detail member', async () => {
    const summary = iconv.encode('#支付宝业务汇总查询\r\n#账号：[20880211096256330156]\r\n', 'gbk');
    expect(rejected(await parseStatement('alipay', summary))).toEqual([
      { line: 1, code: 'STATEMENT_UNRECOGNISED_LAYOUT' },
    ]);
    const zip = alipayBillZip({ rows });
    expect(rejected(await parseStatement('alipay', zip.subarray(0, zip.length - 30)))).toEqual([
      { line: 0, code: 'STATEMENT_BAD_ARCHIVE' },
    ]);
    const onlySummary = zipArchive([{ name: iconv.encode('x_业务明细(汇总).csv', 'gbk'), data: summary }]);
    expect(rejected(await parseStatement('alipay', onlySummary))).toEqual([{ line: 0, code: 'STATEMENT_BAD_ARCHIVE' }]);
  });
});
