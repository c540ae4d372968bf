import { alipayBillZip, type AlipayFixtureRow } from '../../fixtures/statements/alipay-bill.fixture.ts';
import { wechatBillBytes, type WechatFixtureRow } from '../../fixtures/statements/wechat-bill.fixture.ts';
import type { SimTrade } from './sim-ledger.ts';
import { beijing } from './sim-money.ts';

/**
 * A simulated channel's order book of one day written as the channel's downloadable bill, through
 * the statement fixtures' writers (test/fixtures/statements): what the merchant platform would hand
 * the store for that day. Days and times are Beijing time, as the channels print them.
 */
export type BillExport = {
  readonly bytes: Buffer;
  readonly fileName: string;
  /** detail rows written */
  readonly rows: number;
  /** what the bill says, summed from its own rows: payments, refunds, fees (negative on refunds) */
  readonly paymentFen: number;
  readonly refundFen: number;
  readonly feeFen: number;
};

type OrderBook = { trades(): SimTrade[] };

/** Both channels' standard rate for a small merchant: 0.6 % (费率 0.60%, docs/formats.md §2.2). */
const DEFAULT_FEE_BP = 60;

/** Fee on an amount in fen, half-up to the fen, in integers (kept apart from core/money on purpose). */
function feeOf(amountFen: number, bp: number): number {
  return Math.floor((amountFen * bp + 5_000) / 10_000);
}

const dayOf = (at: Date) => beijing(at, 'dashed').slice(0, 10);

type Entry =
  | { readonly kind: 'payment'; readonly trade: SimTrade; readonly at: Date }
  | { readonly kind: 'reversed'; readonly trade: SimTrade; readonly at: Date }
  | {
      readonly kind: 'refund';
      readonly trade: SimTrade;
      readonly at: Date;
      readonly refundNo: string;
      readonly amountFen: number;
    };

/**
 * What the day's bill lists, in time order: trades paid that day (a trade reversed after payment as
 * such), and refunds accepted that day. Trades declined, still paying, or closed unpaid are not in a bill.
 */
function entriesOf(book: OrderBook, day: string): Entry[] {
  const out: Entry[] = [];
  for (const t of book.trades()) {
    if (t.paidAt && dayOf(t.paidAt) === day) {
      if (t.status === 'success') out.push({ kind: 'payment', trade: t, at: t.paidAt });
      else if (t.status === 'closed') out.push({ kind: 'reversed', trade: t, at: t.paidAt });
    }
    for (const [refundNo, r] of t.refunds)
      if (dayOf(r.at) === day) out.push({ kind: 'refund', trade: t, at: r.at, refundNo, amountFen: r.amountFen });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

function totals(
  entries: readonly Entry[],
  fee: (e: Entry) => number,
): Pick<BillExport, 'rows' | 'paymentFen' | 'refundFen' | 'feeFen'> {
  let paymentFen = 0;
  let refundFen = 0;
  let feeFen = 0;
  for (const e of entries) {
    if (e.kind === 'payment') paymentFen += e.trade.amountFen;
    if (e.kind === 'refund') refundFen += e.amountFen;
    feeFen += fee(e);
  }
  return { rows: entries.length, paymentFen, refundFen, feeFen };
}

/** WeChat Pay 交易账单 (bill_type=ALL) of `day`, as downloadbill returns it uncompressed (docs/formats.md §2.2). */
export function exportWechatBill(book: OrderBook, day: string, options: { mchId: string; feeBp?: number }): BillExport {
  const bp = options.feeBp ?? DEFAULT_FEE_BP;
  const entries = entriesOf(book, day);
  // 手续费 is charged on a settled payment and given back in part on its refund; a reversal settles nothing
  const fee = (e: Entry) =>
    e.kind === 'payment' ? feeOf(e.trade.amountFen, bp) : e.kind === 'refund' ? -feeOf(e.amountFen, bp) : 0;
  const rows = entries.map((e): WechatFixtureRow => {
    const base = {
      time: beijing(e.at, 'dashed'),
      mchId: options.mchId,
      txnId: e.trade.channelTxnId,
      orderNo: e.trade.outTradeNo,
      feeFen: fee(e),
      subject: e.trade.subject || '商品',
    };
    if (e.kind === 'refund')
      return { ...base, status: 'REFUND', orderFen: 0, settledFen: 0, refundNo: e.refundNo, refundFen: e.amountFen };
    return { ...base, status: e.kind === 'payment' ? 'SUCCESS' : 'REVOKED', orderFen: e.trade.amountFen };
  });
  return {
    bytes: wechatBillBytes('ALL', rows),
    fileName: `${options.mchId}_${day.replaceAll('-', '')}_ALL.csv`,
    ...totals(entries, fee),
  };
}

/** Alipay 业务明细 of `day` as the downloaded `<account>_<yyyyMMdd>.csv.zip` (docs/formats.md §1.3). */
export function exportAlipayBill(
  book: OrderBook,
  day: string,
  options: { account: string; feeBp?: number },
): BillExport {
  const bp = options.feeBp ?? DEFAULT_FEE_BP;
  // a reversed trade (alipay.trade.cancel after payment) is a 交易 row and a full 退款 row
  const entries = entriesOf(book, day).flatMap((e): Entry[] =>
    e.kind === 'reversed'
      ? [
          { kind: 'payment', trade: e.trade, at: e.at },
          { kind: 'refund', trade: e.trade, at: e.at, refundNo: e.trade.outTradeNo, amountFen: e.trade.amountFen },
        ]
      : [e],
  );
  // 服务费 on payment rows only: its sign on refund rows is unconfirmed (docs/formats.md §1.3, column 22)
  const fee = (e: Entry) => (e.kind === 'payment' ? feeOf(e.trade.amountFen, bp) : 0);
  const rows = entries.map((e): AlipayFixtureRow => ({
    tradeNo: e.trade.channelTxnId,
    orderNo: e.trade.outTradeNo,
    type: e.kind === 'refund' ? '退款' : '交易',
    finishedAt: beijing(e.at, 'dashed'),
    amountFen: e.kind === 'refund' ? e.amountFen : e.trade.amountFen,
    feeFen: fee(e),
    ...(e.kind === 'refund' ? { refundNo: e.refundNo } : {}),
  }));
  return {
    bytes: alipayBillZip({ account: options.account, date: day, rows }),
    fileName: `${options.account}_${day.replaceAll('-', '')}.csv.zip`,
    ...totals(entries, fee),
  };
}
