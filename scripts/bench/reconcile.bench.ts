/**
 * Reconciliation figures (targets from the task brief):
 * - reconcile 1,000,000 tenders against 1,000,000 statement rows in ≤ 5 s;
 * - parse a generated 1,000,000-row WeChat Pay ALL bill in ≤ 10 s.
 * Data is generated here, deterministically; each measurement runs once (bounded by count).
 */
import { performance } from 'node:perf_hooks';
import { parseStatement } from '../../server/adapters/statements/parse-statement.ts';
import { reconcile } from '../../server/core/reconciliation/index.ts';
import type { ReconTender, StatementRow } from '../../server/core/reconciliation/index.ts';
import { wechatBillBytes } from '../../test/fixtures/statements/wechat-bill.fixture.ts';
import type { WechatFixtureRow } from '../../test/fixtures/statements/wechat-bill.fixture.ts';
import { round } from './bench-result.ts';
import type { BenchResult } from './bench-result.ts';

const N = 1_000_000;
const DAY = '2024-03-10';

function reconcileData(): { tenders: ReconTender[]; rows: StatementRow[] } {
  const tenders: ReconTender[] = new Array(N);
  const rows: StatementRow[] = new Array(N);
  for (let i = 0; i < N; i++) {
    const tenderId = `T${DAY}-${String(i).padStart(7, '0')}`;
    const amountFen = 100 + ((i * 7919) % 50_000);
    const channelTxnId = `4200${String(i).padStart(24, '0')}`;
    tenders[i] = {
      tenderId,
      channel: 'wechat',
      saleId: `S${i}`,
      amountFen,
      status: 'succeeded',
      businessDate: DAY,
      channelTxnId,
      refunds: [],
    };
    // one row in a thousand is off by a fen, one in a thousand is an orphan
    const orphan = i % 1000 === 999;
    rows[i] = {
      channel: 'wechat',
      merchantId: '1900000109',
      merchantOrderNo: orphan ? `X${i}` : tenderId,
      channelTxnId: orphan ? `X${i}` : channelTxnId,
      kind: 'payment',
      amountFen: i % 1000 === 500 ? amountFen + 1 : amountFen,
      settledFen: amountFen,
      feeFen: Math.floor((amountFen * 6) / 1000),
      occurredAt: `${DAY}T12:00:00`,
      businessDate: DAY,
      line: i + 2,
    };
  }
  // the statement lists rows in another order than the sales
  rows.reverse();
  return { tenders, rows };
}

function* wechatRows(n: number): Generator<WechatFixtureRow> {
  for (let i = 0; i < n; i++) {
    const s = i % 86_400;
    const time = `${DAY} ${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
    const orderFen = 100 + ((i * 7919) % 50_000);
    yield i % 50 === 49
      ? {
          time,
          txnId: `4200${String(i - 1).padStart(24, '0')}`,
          orderNo: `T${i - 1}`,
          status: 'REFUND',
          orderFen: 0,
          settledFen: 0,
          refundNo: `R${i}`,
          refundFen: 100,
          feeFen: -1,
        }
      : {
          time,
          txnId: `4200${String(i).padStart(24, '0')}`,
          orderNo: `T${i}`,
          status: 'SUCCESS',
          orderFen,
          feeFen: Math.floor((orderFen * 6) / 1000),
        };
  }
}

/** In its own function so the 2M inputs and the report are garbage before the parse is measured. */
function measureReconcile(): BenchResult {
  const { tenders, rows } = reconcileData();
  const t0 = performance.now();
  const report = reconcile(tenders, rows, { businessDate: DAY, channel: 'wechat' });
  const reconcileS = (performance.now() - t0) / 1000;
  if (report.totals.anomalyCounts.amount_mismatch !== N / 1000)
    throw new Error('reconcile bench: unexpected anomaly count');
  return {
    name: 'reconcile 1M tenders × 1M rows',
    value: round(reconcileS, 2),
    unit: 's',
    target: '≤ 5 s',
    ok: reconcileS <= 5,
  };
}

export default async function (): Promise<BenchResult[]> {
  const results: BenchResult[] = [measureReconcile()];
  const bill = wechatBillBytes('ALL', wechatRows(N));
  let progressCalls = 0;
  const t1 = performance.now();
  const parsed = await parseStatement('wechat', bill, {
    expectMerchantId: '1900000109',
    onProgress: () => progressCalls++,
  });
  const parseS = (performance.now() - t1) / 1000;
  if (!parsed.ok || parsed.value.rowCount !== N || progressCalls === 0)
    throw new Error('wechat bench: bill did not parse whole');
  results.push({
    name: `parse 1M-row WeChat ALL bill (${round(bill.length / 1e6, 0)} MB)`,
    value: round(parseS, 2),
    unit: 's',
    target: '≤ 10 s',
    ok: parseS <= 10,
  });
  results.push({
    name: 'parse WeChat bill throughput',
    value: Math.round(N / parseS),
    unit: 'rows/s',
    target: '≥ 100000',
    ok: N / parseS >= 100_000,
  });
  return results;
}
