import { describe, expect, it } from 'vitest';
import {
  ZM_WIDTHS,
  zmArchive,
  zmFile,
  zmOffset,
  zmRecord,
} from '../../../test/fixtures/statements/unionpay-zm.fixture.ts';
import type { ZmFixtureRecord } from '../../../test/fixtures/statements/unionpay-zm.fixture.ts';
import { parseStatement } from './parse-statement.ts';
import type { StatementParseResult } from './statement-error.ts';

const consume: ZmFixtureRecord = {
  txnTime: '0905101112',
  amountFen: 12_345,
  queryId: '201509051011125550001',
  orderId: 'T-100',
  feeFen: 74,
  settleFen: 12_271,
  txnType: '01',
  subMerchantName: '一号店',
};
const consume2: ZmFixtureRecord = {
  txnTime: '0905120000',
  amountFen: 500,
  queryId: '201509051200005550002',
  orderId: 'T-101',
  feeFen: 3,
  txnType: '01',
};
const refund: ZmFixtureRecord = {
  txnTime: '0905180000',
  amountFen: 2_000,
  queryId: '201509051800005550003',
  orderId: 'T-100-R1',
  feeFen: 12,
  txnType: '04',
  origQryId: consume.queryId,
};

function codes(result: StatementParseResult) {
  if (result.ok) throw new Error('expected a rejection');
  return result.errors.map((e) => [e.line, e.code]);
}

describe('UnionPay ZM parser', () => {
  it('fixture widths agree with the byte offsets of docs/formats.md §3', () => {
    expect([
      zmOffset(4),
      zmOffset(5),
      zmOffset(7),
      zmOffset(10),
      zmOffset(12),
      zmOffset(17),
      zmOffset(20),
      zmOffset(28),
      zmOffset(34),
      zmOffset(41),
    ]).toEqual([28, 35, 66, 87, 112, 180, 215, 293, 388, 476]);
    expect(zmRecord(consume).length).toBe(607);
    expect(ZM_WIDTHS).toHaveLength(42);
  });

  it('reads fixed-width GBK records: amounts in fen, the refund tied to its order through 原交易查询流水号', async () => {
    const result = await parseStatement('unionpay', zmFile([consume, consume2, refund]), {
      fileName: 'INN15090588ZM_898310048990001',
      expectMerchantId: '898310048990001',
      expectDate: '2015-09-05',
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value).toMatchObject({
      layout: 'unionpay-zm',
      merchantId: '898310048990001',
      periodStart: '2015-09-05',
      periodEnd: '2015-09-05',
    });
    expect(result.value.rows).toEqual([
      {
        channel: 'unionpay',
        merchantId: '898310048990001',
        merchantOrderNo: 'T-100',
        channelTxnId: consume.queryId,
        kind: 'payment',
        amountFen: 12_345,
        settledFen: 12_271,
        feeFen: 74,
        occurredAt: '2015-09-05T10:11:12',
        businessDate: '2015-09-05',
        line: 1,
      },
      {
        channel: 'unionpay',
        merchantId: '898310048990001',
        merchantOrderNo: 'T-101',
        channelTxnId: consume2.queryId,
        kind: 'payment',
        amountFen: 500,
        settledFen: 500,
        feeFen: 3,
        occurredAt: '2015-09-05T12:00:00',
        businessDate: '2015-09-05',
        line: 2,
      },
      {
        channel: 'unionpay',
        merchantId: '898310048990001',
        merchantOrderNo: 'T-100',
        channelTxnId: consume.queryId,
        kind: 'refund',
        refundRequestNo: 'T-100-R1',
        amountFen: 2_000,
        settledFen: 2_000,
        feeFen: -12,
        occurredAt: '2015-09-05T18:00:00',
        businessDate: '2015-09-05',
        line: 3,
      },
    ]);
  });

  it('opens the zip (and the deflated zip of fileContent), taking the settlement date from the member name', async () => {
    for (const deflated of [false, true]) {
      const result = await parseStatement(
        'unionpay',
        zmArchive(zmFile([consume, refund]), '2015-09-05', undefined, deflated),
      );
      expect(result.ok && [result.value.periodStart, result.value.rowCount]).toEqual(['2015-09-05', 2]);
    }
  });

  it('puts a transaction of 31 December settled on 1 January in the previous year, and prefers 原始交易订单号', async () => {
    const late = { ...consume, txnTime: '1231233000' };
    const undo = { ...refund, txnType: '31', origOrderId: 'T-ELSEWHERE', origQryId: '999' };
    const result = await parseStatement('unionpay', zmFile([late, undo]), { settleDate: '2016-01-01' });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.rows.map((r) => [r.occurredAt, r.businessDate, r.kind, r.merchantOrderNo])).toEqual([
      ['2015-12-31T23:30:00', '2016-01-01', 'payment', 'T-100'],
      ['2015-09-05T18:00:00', '2016-01-01', 'refund', 'T-ELSEWHERE'],
    ]);
  });

  it('rejects: no settlement date, UTF-8 text, a truncated last record, bad amounts, unknown types, mixed merchants', async () => {
    expect(codes(await parseStatement('unionpay', zmFile([consume])))).toEqual([[0, 'STATEMENT_DATE_UNKNOWN']]);
    const opts = { settleDate: '2015-09-05' };
    expect(codes(await parseStatement('unionpay', zmFile([{ ...consume, convertedToUtf8: true }]), opts))).toEqual([
      [1, 'STATEMENT_WRONG_ENCODING'],
    ]);
    const file = zmFile([consume, consume2]);
    expect(codes(await parseStatement('unionpay', file.subarray(0, file.length - 100), opts))).toEqual([
      [2, 'STATEMENT_TRUNCATED'],
    ]);
    expect(codes(await parseStatement('unionpay', file.subarray(0, file.length - 2), opts))).toEqual([
      [2, 'STATEMENT_TRUNCATED'],
    ]);
    const bad = zmFile([consume, consume2, refund, { ...consume2, merId: '898310048990002' }]);
    bad.write('00000000A500', 609 + zmOffset(7), 'latin1');
    bad.write('99', 2 * 609 + zmOffset(20), 'latin1');
    expect(codes(await parseStatement('unionpay', bad, opts))).toEqual([
      [2, 'STATEMENT_MALFORMED_AMOUNT'],
      [3, 'STATEMENT_UNKNOWN_TYPE'],
      [4, 'STATEMENT_MERCHANT_MISMATCH'],
    ]);
    expect(codes(await parseStatement('unionpay', zmFile([consume]), { ...opts, expectMerchantId: '111' }))).toEqual([
      [0, 'STATEMENT_MERCHANT_MISMATCH'],
    ]);
  });
});
