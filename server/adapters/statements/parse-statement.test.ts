import { describe, expect, it } from 'vitest';
import { statementsErrors } from '../../contracts/errors/statements.errors.ts';
import { reconcile, STATEMENT_CHANNELS } from '../../core/reconciliation/index.ts';
import type { ReconTender } from '../../core/reconciliation/index.ts';
import { alipayBillBytes } from '../../../test/fixtures/statements/alipay-bill.fixture.ts';
import { cardBatchText } from '../../../test/fixtures/statements/card-batch.fixture.ts';
import { wechatBillBytes } from '../../../test/fixtures/statements/wechat-bill.fixture.ts';
import { parseStatement, statementParsers } from './parse-statement.ts';

const DAY = '2024-03-10';

describe('parseStatement', () => {
  it('has exactly one parser per channel', () => {
    expect(statementParsers.map((p) => p.channel).sort()).toEqual([...STATEMENT_CHANNELS].sort());
  });

  it('gives the same content hash for the same bytes and another for other bytes', async () => {
    const bill = wechatBillBytes('SUCCESS', [
      { time: `${DAY} 09:00:00`, txnId: '4200000001', orderNo: 'T-1', status: 'SUCCESS', orderFen: 100, feeFen: 1 },
    ]);
    const a = await parseStatement('wechat', bill);
    const b = await parseStatement('wechat', Buffer.from(bill));
    const c = await parseStatement(
      'wechat',
      wechatBillBytes('SUCCESS', [
        { time: `${DAY} 09:00:01`, txnId: '4200000001', orderNo: 'T-1', status: 'SUCCESS', orderFen: 100, feeFen: 1 },
      ]),
    );
    if (!a.ok || !b.ok || !c.ok) throw new Error('fixtures should parse');
    expect(a.value.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.value.contentHash).toBe(a.value.contentHash);
    expect(c.value.contentHash).not.toBe(a.value.contentHash);
  });

  it('feeds the matcher: an imported bill against the day’s tenders leaves only the anomalies', async () => {
    const bill = wechatBillBytes('ALL', [
      { time: `${DAY} 09:00:00`, txnId: '4200000001', orderNo: 'T-1', status: 'SUCCESS', orderFen: 1_000, feeFen: 6 },
      { time: `${DAY} 09:05:00`, txnId: '4200000002', orderNo: 'T-2', status: 'SUCCESS', orderFen: 2_001, feeFen: 12 },
      { time: `${DAY} 09:10:00`, txnId: '4200000009', orderNo: 'T-9', status: 'SUCCESS', orderFen: 300, feeFen: 2 },
      {
        time: `${DAY} 18:00:00`,
        txnId: '4200000001',
        orderNo: 'T-1',
        status: 'REFUND',
        orderFen: 0,
        refundNo: 'T-1-R1',
        refundFen: 400,
        feeFen: -2,
      },
    ]);
    const parsed = await parseStatement('wechat', bill, { expectMerchantId: '1900000109', expectDate: DAY });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const tender = (tenderId: string, amountFen: number, refunds: ReconTender['refunds'] = []): ReconTender => ({
      tenderId,
      channel: 'wechat',
      saleId: `S-${tenderId}`,
      amountFen,
      status: 'succeeded',
      businessDate: DAY,
      refunds,
    });
    const report = reconcile(
      [
        tender('T-1', 1_000, [{ refundId: 'T-1-R1', amountFen: 400, businessDate: DAY }]),
        tender('T-2', 2_000),
        tender('T-3', 500),
      ],
      parsed.value.rows,
      { businessDate: DAY, channel: 'wechat' },
    );
    expect(report.anomalies.map((a) => a.id)).toEqual([
      'wechat:amount_mismatch:T-2',
      'wechat:order_without_payment:T-3',
      'wechat:paid_without_order:T-9',
    ]);
    expect(report.matched.map((m) => m.tenderId)).toEqual(['T-1']);
    expect(report.totals.statement.feeFen).toBe(6 + 12 + 2 - 2);
    expect(report.totals.statement.netFen).toBe(parsed.value.totals.netFen);
  });
});

describe('statements error catalog part', () => {
  it('gives every code a 4xx status and a zh-CN and an en message', () => {
    for (const [code, entry] of Object.entries(statementsErrors)) {
      expect(code).toMatch(/^STATEMENT_[A-Z_]+$/);
      expect(entry.status).toBeGreaterThanOrEqual(400);
      expect(entry.status).toBeLessThan(500);
      expect(entry.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(entry.en.length).toBeGreaterThan(0);
    }
  });

  it('refuses a control character in the ids of every channel: Alipay order number, card reference number', async () => {
    const alipay = await parseStatement(
      'alipay',
      alipayBillBytes({
        date: DAY,
        rows: [
          {
            tradeNo: '2024031022001',
            orderNo: 'A\u00001',
            type: '交易',
            finishedAt: `${DAY} 09:00:00`,
            amountFen: 100,
          },
        ],
      }),
    );
    expect(!alipay.ok && alipay.errors.map((e) => [e.code, e.column])).toEqual([
      ['STATEMENT_CONTROL_CHARACTER', 'merchantOrderNo'],
    ]);
    const card = await parseStatement(
      'card',
      Buffer.from(
        cardBatchText(
          [
            {
              date: DAY,
              time: '10:15:02',
              referenceNo: '2403101\u007f1502',
              amount: '1.00',
              type: 'SALE',
              orderNo: 'C-1',
            },
          ],
          'TOTAL,1,1.00,0.00',
        ),
      ),
    );
    expect(!card.ok && card.errors.map((e) => [e.code, e.column])).toEqual([
      ['STATEMENT_CONTROL_CHARACTER', 'channelTxnId'],
    ]);
  });
});
