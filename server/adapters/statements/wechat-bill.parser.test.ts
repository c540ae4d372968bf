import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { wechatBillBytes, wechatBillGzip } from '../../../test/fixtures/statements/wechat-bill.fixture.ts';
import type { WechatFixtureRow } from '../../../test/fixtures/statements/wechat-bill.fixture.ts';
import { parseStatement } from './parse-statement.ts';
import type { StatementParseResult } from './statement-error.ts';

const pay: WechatFixtureRow = {
  time: '2024-03-10 09:15:00',
  txnId: '4200000001202403100000000001',
  orderNo: 'T-1',
  status: 'SUCCESS',
  orderFen: 10_000,
  settledFen: 9_500,
  feeFen: 57,
};
const pay2: WechatFixtureRow = {
  time: '2024-03-10 11:00:00',
  txnId: '4200000001202403100000000002',
  orderNo: 'T-2',
  status: 'SUCCESS',
  orderFen: 2_050,
  feeFen: 12,
};
const revoked: WechatFixtureRow = {
  time: '2024-03-10 12:00:00',
  txnId: '4200000001202403100000000003',
  orderNo: 'T-3',
  status: 'REVOKED',
  orderFen: 300,
  feeFen: 0,
};
const refund: WechatFixtureRow = {
  time: '2024-03-10 20:00:00',
  txnId: pay.txnId,
  orderNo: 'T-1',
  status: 'REFUND',
  orderFen: 0,
  settledFen: 0,
  refundNo: 'T-1-R1',
  refundFen: 1_900,
  requestedRefundFen: 2_000,
  feeFen: -11,
};
const failedRefund: WechatFixtureRow = {
  ...refund,
  refundNo: 'T-1-R2',
  refundStatus: 'FAIL',
  refundFen: 100,
  requestedRefundFen: 100,
  feeFen: 0,
};
const all = [pay, pay2, revoked, refund, failedRefund];

function codes(result: StatementParseResult) {
  if (result.ok) throw new Error('expected a rejection');
  return result.errors.map((e) => [e.line, e.code]);
}

describe('WeChat Pay trade bill parser', () => {
  it('reads an ALL bill: backticks stripped, refunds keyed by 商户退款单号, REVOKED and failed refunds left out', async () => {
    const progress: number[] = [];
    const result = await parseStatement('wechat', wechatBillBytes('ALL', all), {
      expectMerchantId: '1900000109',
      expectDate: '2024-03-10',
      onProgress: (n) => progress.push(n),
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value).toMatchObject({
      layout: 'wechat-trade-all',
      merchantId: '1900000109',
      periodStart: '2024-03-10',
      periodEnd: '2024-03-10',
      rowCount: 3,
    });
    expect(result.value.rows).toEqual([
      {
        channel: 'wechat',
        merchantId: '1900000109',
        merchantOrderNo: 'T-1',
        channelTxnId: pay.txnId,
        kind: 'payment',
        amountFen: 10_000,
        settledFen: 9_500,
        feeFen: 57,
        occurredAt: '2024-03-10T09:15:00',
        businessDate: '2024-03-10',
        line: 2,
      },
      {
        channel: 'wechat',
        merchantId: '1900000109',
        merchantOrderNo: 'T-2',
        channelTxnId: pay2.txnId,
        kind: 'payment',
        amountFen: 2_050,
        settledFen: 2_050,
        feeFen: 12,
        occurredAt: '2024-03-10T11:00:00',
        businessDate: '2024-03-10',
        line: 3,
      },
      {
        channel: 'wechat',
        merchantId: '1900000109',
        merchantOrderNo: 'T-1',
        channelTxnId: pay.txnId,
        kind: 'refund',
        refundRequestNo: 'T-1-R1',
        amountFen: 2_000,
        settledFen: 1_900,
        feeFen: -11,
        occurredAt: '2024-03-10T20:00:00',
        businessDate: '2024-03-10',
        line: 5,
      },
    ]);
    expect(result.value.totals.netFen).toBe(9_500 + 2_050 - 1_900 - (57 + 12 - 11));
    expect(progress).toEqual([8]); // header, 5 rows, summary header and row
  });

  it('reads the SUCCESS and REFUND column sets; a REFUND row happens at 退款申请时间', async () => {
    const success = await parseStatement('wechat', wechatBillBytes('SUCCESS', [pay, pay2]));
    expect(success.ok && [success.value.layout, success.value.rowCount]).toEqual(['wechat-trade-success', 2]);
    const refunds = await parseStatement(
      'wechat',
      wechatBillBytes('REFUND', [{ ...refund, refundAppliedAt: '2024-03-10 19:59:00' }]),
    );
    if (!refunds.ok) throw new Error(JSON.stringify(refunds.errors));
    expect(refunds.value.layout).toBe('wechat-trade-refund');
    expect(refunds.value.rows[0]).toMatchObject({
      kind: 'refund',
      refundRequestNo: 'T-1-R1',
      amountFen: 2_000,
      occurredAt: '2024-03-10T19:59:00',
    });
  });

  it('opens the gzip download and checks the SHA-1 of the uncompressed bill', async () => {
    const bill = wechatBillBytes('ALL', all);
    const { gzip, sha1 } = wechatBillGzip(bill);
    const good = await parseStatement('wechat', gzip, { expectSha1: sha1.toUpperCase() });
    expect(good.ok && good.value.rowCount).toBe(3);
    const altered = Buffer.from(sha1.replace(/^./, (c) => (c === '0' ? '1' : '0')));
    expect(codes(await parseStatement('wechat', gzip, { expectSha1: altered.toString() }))).toEqual([
      [0, 'STATEMENT_HASH_MISMATCH'],
    ]);
    expect(codes(await parseStatement('wechat', gzip.subarray(0, gzip.length - 20)))).toEqual([
      [0, 'STATEMENT_TRUNCATED'],
    ]);
  });

  it('takes the 特约商户号 of a service-provider bill as the merchant, and accepts the 商户号 too', async () => {
    const rows = [pay, pay2].map((r) => ({ ...r, mchId: '1230000109', subMchId: '1900000109' }));
    expect(
      (await parseStatement('wechat', wechatBillBytes('SUCCESS', rows), { expectMerchantId: '1900000109' })).ok,
    ).toBe(true);
    expect(
      (await parseStatement('wechat', wechatBillBytes('SUCCESS', rows), { expectMerchantId: '1230000109' })).ok,
    ).toBe(true);
    expect(
      codes(await parseStatement('wechat', wechatBillBytes('SUCCESS', rows), { expectMerchantId: '1555555555' })),
    ).toEqual([[0, 'STATEMENT_MERCHANT_MISMATCH']]);
  });

  it('rejects a GBK file, a file without summary, and a file cut mid-row', async () => {
    const text = wechatBillBytes('ALL', all).toString('utf8').replace('\uFEFF', '');
    expect(codes(await parseStatement('wechat', iconv.encode(text, 'gbk')))).toEqual([[1, 'STATEMENT_WRONG_ENCODING']]);
    expect(codes(await parseStatement('wechat', wechatBillBytes('ALL', all, { omitSummary: true })))).toEqual([
      [0, 'STATEMENT_TRUNCATED'],
    ]);
    const bill = wechatBillBytes('ALL', all, { omitSummary: true });
    expect(codes(await parseStatement('wechat', bill.subarray(0, bill.length - 40)))).toEqual([
      [6, 'STATEMENT_MALFORMED_ROW'],
      [0, 'STATEMENT_TRUNCATED'],
    ]);
  });

  it('rejects summary totals that disagree with the rows', async () => {
    expect(
      codes(await parseStatement('wechat', wechatBillBytes('ALL', all, { summary: { 手续费总金额: '0.59000' } }))),
    ).toEqual([[8, 'STATEMENT_TOTALS_MISMATCH']]);
    expect(
      codes(await parseStatement('wechat', wechatBillBytes('ALL', all, { summary: { 总交易单数: '4' } }))),
    ).toEqual([[8, 'STATEMENT_TOTALS_MISMATCH']]);
    expect(
      codes(
        await parseStatement(
          'wechat',
          wechatBillBytes('ALL', all, { summary: { 订单总金额: '123.51', 退款总金额: '0.00' } }),
        ),
      ),
    ).toEqual([
      [8, 'STATEMENT_TOTALS_MISMATCH'],
      [8, 'STATEMENT_TOTALS_MISMATCH'],
    ]);
  });

  it('rejects malformed amounts (a fee in fractions of a fen too), unknown states and mixed merchants, by line', async () => {
    const bill = wechatBillBytes('ALL', [
      pay,
      pay2,
      { ...pay2, orderNo: 'T-9', mchId: '1900000999' },
      { ...pay2, orderNo: 'T-8', status: 'CLOSED' },
    ])
      .toString('utf8')
      .replace('`100.00,', '`1OO.00,')
      .replace('`0.12000,', '`0.12600,');
    expect(codes(await parseStatement('wechat', Buffer.from(bill)))).toEqual([
      [2, 'STATEMENT_MALFORMED_AMOUNT'],
      [3, 'STATEMENT_MALFORMED_AMOUNT'],
      [4, 'STATEMENT_MERCHANT_MISMATCH'],
      [5, 'STATEMENT_UNKNOWN_TYPE'],
    ]);
  });

  it('stops checking after 100 errors and says so', async () => {
    const bad = Array.from({ length: 150 }, (_, i) => ({ ...pay2, orderNo: `B${i}`, status: 'CLOSED' }));
    const result = await parseStatement('wechat', wechatBillBytes('ALL', bad));
    expect(codes(result)).toHaveLength(101);
    expect(result.ok === false && [result.params, result.errors[100]]).toEqual([
      { count: 100 },
      expect.objectContaining({ code: 'STATEMENT_TOO_MANY_ERRORS' }),
    ]);
  });

  it('rejects a file that is not a trade bill', async () => {
    expect(codes(await parseStatement('wechat', Buffer.from('记账时间,微信支付业务单号,资金流水单号\r\n')))).toEqual([
      [1, 'STATEMENT_UNRECOGNISED_LAYOUT'],
    ]);
  });
});
