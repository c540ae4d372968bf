import { describe, expect, it } from 'vitest';
import { anomalyId } from './anomaly.ts';
import { reconcile } from './reconcile.ts';
import { totalsOf } from './statement-row.ts';
import type { StatementRow } from './statement-row.ts';
import type { ReconTender } from './tender.ts';

const DAY = '2019-09-16';

function tender(tenderId: string, amountFen: number, over: Partial<ReconTender> = {}): ReconTender {
  return {
    tenderId,
    channel: 'alipay',
    saleId: `S-${tenderId}`,
    amountFen,
    status: 'succeeded',
    businessDate: DAY,
    refunds: [],
    ...over,
  };
}

function row(merchantOrderNo: string, amountFen: number, over: Partial<StatementRow> = {}): StatementRow {
  return {
    channel: 'alipay',
    merchantId: '2088021109625633',
    merchantOrderNo,
    channelTxnId: `tx-${merchantOrderNo}`,
    kind: 'payment',
    amountFen,
    settledFen: amountFen,
    feeFen: 0,
    occurredAt: `${DAY}T10:55:23`,
    businessDate: DAY,
    line: 5,
    ...over,
  };
}

describe('reconcile', () => {
  it('matches by order number and totals fees and net settlement of the day', () => {
    const report = reconcile(
      [tender('A', 1000, { refunds: [{ refundId: 'A-r1', amountFen: 300, businessDate: DAY }] }), tender('B', 2500)],
      [
        row('A', 1000, { feeFen: 6 }),
        row('B', 2500, { feeFen: 15, settledFen: 2400 }),
        row('A', 300, { kind: 'refund', refundRequestNo: 'A-r1', feeFen: -2 }),
      ],
      { businessDate: DAY, channel: 'alipay' },
    );
    expect(report.anomalies).toEqual([]);
    expect(report.matched.map((m) => [m.tenderId, m.feeFen, m.late])).toEqual([
      ['A', 6, false],
      ['B', 15, false],
    ]);
    expect(report.totals).toMatchObject({
      tenderCount: 2,
      tenderFen: 3500,
      refundCount: 1,
      refundFen: 300,
      matchedCount: 2,
      matchedFen: 3500,
    });
    // net = (1000 + 2400) settled − 300 refunded − (6 + 15 − 2) fees
    expect(report.totals.statement).toEqual({
      rowCount: 3,
      paymentCount: 2,
      paymentFen: 3500,
      refundCount: 1,
      refundFen: 300,
      feeFen: 19,
      netFen: 3081,
    });
  });

  it('falls back on the channel transaction id when the statement has no order number', () => {
    const report = reconcile(
      [tender('C', 800, { channelTxnId: 'RRN0001' })],
      [row('', 800, { channelTxnId: 'RRN0001' })],
      {
        businessDate: DAY,
        channel: 'alipay',
      },
    );
    expect(report.anomalies).toEqual([]);
    expect(report.matched[0]).toMatchObject({ tenderId: 'C', channelTxnId: 'RRN0001' });
  });

  it('describes an amount mismatch with both amounts and the source line', () => {
    const report = reconcile([tender('D', 1000)], [row('D', 990, { line: 42 })], {
      businessDate: DAY,
      channel: 'alipay',
    });
    expect(report.anomalies).toEqual([
      {
        id: 'alipay:amount_mismatch:D',
        kind: 'amount_mismatch',
        channel: 'alipay',
        businessDate: DAY,
        tenderId: 'D',
        saleId: 'S-D',
        expectedFen: 1000,
        merchantOrderNo: 'D',
        channelTxnIds: ['tx-D'],
        statementFen: [990],
        statementDates: [DAY],
        lines: [42],
      },
    ]);
    expect(report.totals.anomalyCounts.amount_mismatch).toBe(1);
  });

  it("reports a payment the channel took for a tender we hold as unknown as paid without order, with the tender's status", () => {
    const report = reconcile([tender('E', 500, { status: 'unknown' })], [row('E', 500)], {
      businessDate: DAY,
      channel: 'alipay',
    });
    expect(report.anomalies.map((a) => [a.id, a.tenderStatus])).toEqual([['alipay:paid_without_order:E', 'unknown']]);
    expect(report.totals.tenderCount).toBe(0);
  });

  it('leaves rows of the day that settle an earlier day out of the anomalies but in the statement totals', () => {
    const report = reconcile([tender('F', 700, { businessDate: '2019-09-15' })], [row('F', 700, { feeFen: 4 })], {
      businessDate: DAY,
      channel: 'alipay',
    });
    expect(report.anomalies).toEqual([]);
    expect(report.matched).toEqual([]);
    expect(report.totals.statement.feeFen).toBe(4);
  });

  it('keys an orphan row without order number by its transaction id, escaping separators', () => {
    const report = reconcile([], [row('', 100, { channelTxnId: 'a:b' })], { businessDate: DAY, channel: 'alipay' });
    expect(report.anomalies[0].id).toBe(anomalyId('alipay', 'paid_without_order', ['txn=a:b']));
    expect(report.anomalies[0].id).toBe('alipay:paid_without_order:txn%3Da%3Ab');
  });

  it('rejects a malformed business date and a tender passed twice (caller bugs)', () => {
    expect(() => reconcile([], [], { businessDate: '2019-9-16', channel: 'alipay' })).toThrow(RangeError);
    expect(() => reconcile([tender('G', 1), tender('G', 1)], [], { businessDate: DAY, channel: 'alipay' })).toThrow(
      /twice/,
    );
  });

  it('totalsOf nets settled payments, refunds and fees', () => {
    expect(
      totalsOf([row('A', 1000, { feeFen: 6 }), row('A', 400, { kind: 'refund', settledFen: 400, feeFen: -2 })]),
    ).toEqual({
      paymentCount: 1,
      paymentFen: 1000,
      refundCount: 1,
      refundFen: 400,
      feeFen: 4,
      netFen: 596,
    });
  });
});
