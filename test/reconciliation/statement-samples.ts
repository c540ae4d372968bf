import type { StatementChannel } from '../../server/core/reconciliation/index.ts';
import { alipayBillZip } from '../fixtures/statements/alipay-bill.fixture.ts';
import { cardBatchText } from '../fixtures/statements/card-batch.fixture.ts';
import { zmArchive, zmFile } from '../fixtures/statements/unionpay-zm.fixture.ts';
import { wechatBillBytes, wechatBillGzip } from '../fixtures/statements/wechat-bill.fixture.ts';

export const DAY = '2024-03-10';

/** The merchant ids the fixtures carry; the test box is configured with them. */
export const MERCHANT_IDS: Readonly<Record<StatementChannel, string>> = {
  alipay: '2088021109625633',
  wechat: '1900000109',
  unionpay: '898310048990001',
  card: '898310048990001',
};

export type Sample = { channel: StatementChannel; bytes: Buffer; fileName: string; rows: number; expectSha1?: string };

/** One small, valid statement of DAY per channel, in the form it is downloaded. */
export function samples(): Sample[] {
  const wechat = wechatBillGzip(
    wechatBillBytes('ALL', [
      { time: `${DAY} 09:00:00`, txnId: '4200000001', orderNo: 'W-1', status: 'SUCCESS', orderFen: 1_000, feeFen: 6 },
      { time: `${DAY} 10:00:00`, txnId: '4200000002', orderNo: 'W-2', status: 'SUCCESS', orderFen: 2_000, feeFen: 12 },
    ]),
  );
  const zm = zmFile([
    {
      txnTime: '0310090000',
      amountFen: 1_500,
      queryId: '100000000000000000001',
      orderId: 'U-1',
      feeFen: 8,
      txnType: '01',
    },
    {
      txnTime: '0310100000',
      amountFen: 2_500,
      queryId: '100000000000000000002',
      orderId: 'U-2',
      feeFen: 13,
      txnType: '01',
    },
  ]);
  return [
    {
      channel: 'alipay',
      fileName: '20880211096256330156_20240310.csv.zip',
      bytes: alipayBillZip({
        date: DAY,
        rows: [
          {
            tradeNo: '2024031022001',
            orderNo: 'A-1',
            type: '交易',
            finishedAt: `${DAY} 09:00:00`,
            amountFen: 1_230,
            feeFen: 7,
          },
        ],
      }),
      rows: 1,
    },
    { channel: 'wechat', fileName: 'wechat-20240310.csv.gz', bytes: wechat.gzip, expectSha1: wechat.sha1, rows: 2 },
    { channel: 'unionpay', fileName: '898310048990001_20240310.zip', bytes: zmArchive(zm, DAY), rows: 2 },
    {
      channel: 'card',
      fileName: 'card-20240310.csv',
      bytes: Buffer.from(
        cardBatchText(
          [
            {
              date: DAY,
              time: '10:15:02',
              referenceNo: '240310101502',
              amount: '12.30',
              type: 'SALE',
              orderNo: 'C-1',
              fee: '0.07',
            },
          ],
          'TOTAL,1,12.30,0.00',
        ),
      ),
      rows: 1,
    },
  ];
}
