import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anomalyId } from './anomaly.ts';
import { reconcile } from './reconcile.ts';
import type { StatementRow } from './statement-row.ts';
import type { ReconRefund, ReconTender, TenderStatus } from './tender.ts';

const DAY = '2024-03-10';
const PREV = '2024-03-09';
const NEXT = '2024-03-11';
const CH = 'wechat';

type Injection =
  | 'none'
  | 'duplicate'
  | 'duplicate_row'
  | 'missing'
  | 'amount'
  | 'late'
  | 'paid_unknown'
  | 'refund_amount'
  | 'refund_missing_in_channel'
  | 'refund_missing_in_store'
  | 'refund_duplicate'
  | 'refund_late';

const injections: Injection[] = [
  'none',
  'duplicate',
  'duplicate_row',
  'missing',
  'amount',
  'late',
  'paid_unknown',
  'refund_amount',
  'refund_missing_in_channel',
  'refund_missing_in_store',
  'refund_duplicate',
  'refund_late',
];

const saleArb = fc.record({
  amountFen: fc.integer({ min: 1, max: 500_000 }),
  refundFen: fc.array(fc.integer({ min: 1, max: 50_000 }), { maxLength: 2 }),
  injection: fc.constantFrom(...injections),
  byTxnOnly: fc.boolean(), // the statement printed no order number (card terminals): match by transaction id
  delta: fc.integer({ min: 1, max: 999 }),
  unknownStatus: fc.constantFrom<TenderStatus>('unknown', 'failed', 'cancelled'),
  fee: fc.integer({ min: 0, max: 300 }),
});

function row(
  over: Partial<StatementRow> & Pick<StatementRow, 'merchantOrderNo' | 'channelTxnId' | 'amountFen'>,
): StatementRow {
  return {
    channel: CH,
    merchantId: '1900000109',
    kind: 'payment',
    settledFen: over.amountFen,
    feeFen: 0,
    occurredAt: `${DAY}T12:00:00`,
    businessDate: DAY,
    line: 0,
    ...over,
  };
}

describe('reconcile: injected discrepancies are reported exactly', () => {
  it('reports every injected anomaly and nothing else', () => {
    fc.assert(
      fc.property(
        fc.array(saleArb, { maxLength: 40 }),
        fc.integer({ min: 0, max: 4 }),
        fc.array(fc.integer(), { minLength: 200, maxLength: 200 }),
        (sales, orphanCount, shuffleKeys) => {
          const tenders: ReconTender[] = [];
          const rows: StatementRow[] = [];
          const expected: string[] = [];
          let expectMatched = 0;
          sales.forEach((s, i) => {
            const tenderId = `T${i}`;
            const txn = `42000${i}`;
            const status: TenderStatus = s.injection === 'paid_unknown' ? s.unknownStatus : 'succeeded';
            const refunds: ReconRefund[] = s.refundFen.map((amountFen, j) => ({
              refundId: `R${i}_${j}`,
              amountFen,
              businessDate: DAY,
            }));
            const refundInjection = s.injection.startsWith('refund_') && refunds.length > 0;
            tenders.push({
              tenderId,
              channel: CH,
              saleId: `S${i}`,
              amountFen: s.amountFen,
              status,
              businessDate: DAY,
              channelTxnId: txn,
              refunds,
            });
            const orderNo = s.byTxnOnly ? '' : tenderId;
            const pay = row({
              merchantOrderNo: orderNo,
              channelTxnId: txn,
              amountFen: s.amountFen,
              feeFen: s.fee,
              line: 2 * i + 1,
            });
            switch (s.injection) {
              case 'missing':
                expected.push(anomalyId(CH, 'order_without_payment', [tenderId]));
                break;
              case 'duplicate':
                rows.push(pay, { ...pay, channelTxnId: `43000${i}`, merchantOrderNo: tenderId, line: 2 * i + 2 });
                expected.push(anomalyId(CH, 'duplicate_payment', [tenderId]));
                expectMatched++;
                break;
              case 'duplicate_row':
                rows.push(pay, { ...pay, line: 2 * i + 2 });
                expected.push(anomalyId(CH, 'duplicate_payment', [tenderId]));
                expectMatched++;
                break;
              case 'amount':
                rows.push({ ...pay, amountFen: s.amountFen + s.delta });
                expected.push(anomalyId(CH, 'amount_mismatch', [tenderId]));
                break;
              case 'late':
                rows.push({ ...pay, businessDate: NEXT });
                expected.push(anomalyId(CH, 'late_settlement', [tenderId]));
                expectMatched++;
                break;
              case 'paid_unknown':
                rows.push(pay);
                expected.push(anomalyId(CH, 'paid_without_order', [tenderId]));
                break;
              default:
                rows.push(pay);
                expectMatched++;
            }
            refunds.forEach((r, j) => {
              const refundRow = row({
                merchantOrderNo: orderNo,
                channelTxnId: txn,
                kind: 'refund',
                refundRequestNo: r.refundId,
                amountFen: r.amountFen,
                feeFen: -1,
                line: 1000 + 10 * i + j,
              });
              const targeted = refundInjection && j === 0;
              if (!targeted) {
                rows.push(refundRow);
                return;
              }
              switch (s.injection) {
                case 'refund_amount':
                  rows.push({ ...refundRow, amountFen: r.amountFen + s.delta });
                  expected.push(anomalyId(CH, 'refund_mismatch', [tenderId, r.refundId, 'amount']));
                  break;
                case 'refund_missing_in_channel':
                  expected.push(anomalyId(CH, 'refund_mismatch', [tenderId, r.refundId, 'missing_in_channel']));
                  break;
                case 'refund_missing_in_store':
                  rows.push(refundRow, { ...refundRow, refundRequestNo: `X${i}`, line: refundRow.line + 5 });
                  expected.push(anomalyId(CH, 'refund_mismatch', [tenderId, `X${i}`, 'missing_in_store']));
                  break;
                case 'refund_duplicate':
                  rows.push(refundRow, { ...refundRow, line: refundRow.line + 5 });
                  expected.push(anomalyId(CH, 'refund_mismatch', [tenderId, r.refundId, 'duplicate']));
                  break;
                case 'refund_late':
                  rows.push({ ...refundRow, businessDate: NEXT });
                  expected.push(anomalyId(CH, 'late_settlement', [tenderId, r.refundId]));
                  break;
              }
            });
          });
          for (let k = 0; k < orphanCount; k++) {
            rows.push(row({ merchantOrderNo: `O${k}`, channelTxnId: `44000${k}`, amountFen: 100 + k, line: 5000 + k }));
            expected.push(anomalyId(CH, 'paid_without_order', [`O${k}`]));
          }
          // noise that belongs to other days or channels and must not show up in this day's report
          tenders.push(
            {
              tenderId: 'Y1',
              channel: CH,
              saleId: 'SY',
              amountFen: 700,
              status: 'succeeded',
              businessDate: PREV,
              refunds: [],
            },
            {
              tenderId: 'N1',
              channel: CH,
              saleId: 'SN',
              amountFen: 800,
              status: 'succeeded',
              businessDate: NEXT,
              refunds: [],
            },
            {
              tenderId: 'U1',
              channel: CH,
              saleId: 'SU',
              amountFen: 900,
              status: 'unknown',
              businessDate: DAY,
              refunds: [],
            },
            {
              tenderId: 'A1',
              channel: 'alipay',
              saleId: 'SA',
              amountFen: 1000,
              status: 'succeeded',
              businessDate: DAY,
              refunds: [],
            },
          );
          rows.push(
            row({ merchantOrderNo: 'Y1', channelTxnId: 'y1', amountFen: 700, line: 9001 }),
            row({ merchantOrderNo: 'N1', channelTxnId: 'n1', amountFen: 800, businessDate: NEXT, line: 9002 }),
            row({ merchantOrderNo: 'Z1', channelTxnId: 'z1', amountFen: 800, businessDate: NEXT, line: 9003 }),
          );

          const keyed = rows.map((r, i) => ({ r, k: shuffleKeys[i % shuffleKeys.length] + i / 1e6 }));
          keyed.sort((a, b) => a.k - b.k);
          const shuffled = keyed.map((x) => x.r);

          const report = reconcile(tenders, shuffled, { businessDate: DAY, channel: CH });
          expect(report.anomalies.map((a) => a.id)).toEqual([...expected].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
          expect(report.matched).toHaveLength(expectMatched);
          // the same input in another order gives the same report, byte for byte
          expect(JSON.stringify(reconcile([...tenders].reverse(), rows, { businessDate: DAY, channel: CH }))).toBe(
            JSON.stringify(report),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
