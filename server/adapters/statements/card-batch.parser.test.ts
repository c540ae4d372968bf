import { describe, expect, it } from 'vitest';
import { cardBatchText } from '../../../test/fixtures/statements/card-batch.fixture.ts';
import type { CardFixtureRow } from '../../../test/fixtures/statements/card-batch.fixture.ts';
import { parseStatement } from './parse-statement.ts';
import type { StatementParseResult } from './statement-error.ts';

const sale: CardFixtureRow = {
  date: '2024-03-10',
  time: '10:15:02',
  referenceNo: '240310101502',
  amount: '12.30',
  type: 'SALE',
  orderNo: 'T-1',
  fee: '0.07',
};
const standalone: CardFixtureRow = {
  date: '2024-03-10',
  time: '11:00:00',
  referenceNo: '240310110000',
  amount: '5.00',
  type: 'SALE',
};
const refund: CardFixtureRow = {
  date: '2024-03-10',
  time: '17:00:00',
  referenceNo: '240310170000',
  amount: '2.30',
  type: 'REFUND',
  orderNo: 'T-1-R1',
  origReferenceNo: '240310101502',
  fee: '0.01',
};

function codes(result: StatementParseResult) {
  if (result.ok) throw new Error('expected a rejection');
  return result.errors.map((e) => [e.line, e.code]);
}
const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('card terminal batch parser', () => {
  it('reads sales and refunds; a refund names its sale by reference number', async () => {
    const result = await parseStatement(
      'card',
      bytes(cardBatchText([sale, standalone, refund], 'TOTAL,3,17.30,2.30')),
      { expectMerchantId: '898310048990001', expectDate: '2024-03-10' },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(
      result.value.rows.map((r) => [
        r.kind,
        r.merchantOrderNo,
        r.channelTxnId,
        r.refundRequestNo,
        r.amountFen,
        r.feeFen,
        r.occurredAt,
        r.line,
      ]),
    ).toEqual([
      ['payment', 'T-1', '240310101502', undefined, 1230, 7, '2024-03-10T10:15:02', 2],
      ['payment', '', '240310110000', undefined, 500, 0, '2024-03-10T11:00:00', 3],
      ['refund', '', '240310101502', 'T-1-R1', 230, -1, '2024-03-10T17:00:00', 4],
    ]);
  });

  it('rejects a missing or wrong TOTAL line', async () => {
    expect(codes(await parseStatement('card', bytes(cardBatchText([sale]))))).toEqual([[0, 'STATEMENT_TRUNCATED']]);
    expect(codes(await parseStatement('card', bytes(cardBatchText([sale], 'TOTAL,1,12.31,0.00'))))).toEqual([
      [3, 'STATEMENT_TOTALS_MISMATCH'],
    ]);
    expect(codes(await parseStatement('card', bytes(cardBatchText([sale], 'TOTAL,2,12.30,0.00'))))).toEqual([
      [3, 'STATEMENT_TOTALS_MISMATCH'],
    ]);
  });

  it('rejects an unmasked card number without repeating it', async () => {
    const result = await parseStatement(
      'card',
      bytes(cardBatchText([{ ...sale, cardMask: '6228480012345678' }], 'TOTAL,1,12.30,0.00')),
    );
    expect(codes(result)).toEqual([[2, 'STATEMENT_UNMASKED_CARD']]);
    expect(JSON.stringify(result)).not.toContain('6228480012345678');
  });

  it('rejects bad amounts, types, times, merchants and headers', async () => {
    const text = cardBatchText(
      [
        { ...sale, amount: '-1.00' },
        { ...sale, type: 'VOID' },
        { ...sale, time: '24:00:00' },
        { ...sale, merchantId: '1' },
        { ...sale, fee: 'x' },
      ],
      'TOTAL,0,0.00,0.00',
    );
    expect(codes(await parseStatement('card', bytes(text)))).toEqual([
      [2, 'STATEMENT_MALFORMED_AMOUNT'],
      [3, 'STATEMENT_UNKNOWN_TYPE'],
      [4, 'STATEMENT_MALFORMED_ROW'],
      [6, 'STATEMENT_MALFORMED_AMOUNT'],
    ]);
    expect(
      codes(
        await parseStatement('card', bytes(cardBatchText([sale, { ...sale, merchantId: '1' }], 'TOTAL,2,24.60,0.00'))),
      ),
    ).toEqual([[3, 'STATEMENT_MERCHANT_MISMATCH']]);
    expect(codes(await parseStatement('card', bytes('date,amount\r\n')))).toEqual([
      [1, 'STATEMENT_UNRECOGNISED_LAYOUT'],
    ]);
  });
});
