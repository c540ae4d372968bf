import type { SalesOfDay } from '../../../../server/contracts/sales/sales-of-day.ts';
import { formatYuan } from '../../../../server/core/money/index.ts';
import { api } from '../../shared/api.ts';
import { fill, h } from '../../shared/dom.ts';
import { tr, type Text } from '../../shared/i18n.ts';
import type { ConsolePage, PageContext } from '../console-page.ts';
import { T as C, TENDER_NAMES } from '../console-texts.ts';
import { dataTable, localTime } from '../data-table.ts';

const T = {
  title: { zh: '今日销售', en: "Today's sales" },
  count: { zh: '笔数', en: 'Sales' },
  due: { zh: '销售额', en: 'Takings' },
  refunds: { zh: '退款', en: 'Refunds' },
  net: { zh: '净销售额', en: 'Net takings' },
  netShort: { zh: '净额', en: 'Net' },
  taken: { zh: '收款（已扣找零）', en: 'Taken (less change)' },
  latestRefunds: { zh: '今日退款', en: "Today's refunds" },
  supervisor: { zh: '授权主管', en: 'Supervisor' },
  discount: { zh: '优惠', en: 'Discounts' },
  average: { zh: '客单价', en: 'Average sale' },
  byLane: { zh: '各收银台', en: 'By lane' },
  byTender: { zh: '支付方式', en: 'By tender' },
  latest: { zh: '最近交易', en: 'Latest sales' },
  receipt: { zh: '小票号', en: 'Receipt' },
  time: { zh: '时间', en: 'Time' },
  lane: { zh: '收银台', en: 'Lane' },
  cashier: { zh: '收银员', en: 'Cashier' },
  member: { zh: '会员', en: 'Member' },
  tenders: { zh: '支付', en: 'Tenders' },
  amount: { zh: '金额', en: 'Amount' },
  date: { zh: '营业日', en: 'Business date' },
} as const satisfies Record<string, Text>;

function figure(label: Text, value: string, id: string): HTMLElement {
  return h('div', { class: 'figure' }, h('span', {}, tr(label)), h('strong', { id, class: 'num' }, value));
}

const tenderName = (kind: string) => tr(TENDER_NAMES[kind] ?? { zh: kind, en: kind });

async function draw(ctx: PageContext, box: HTMLElement): Promise<void> {
  const day = ctx.data(await api<SalesOfDay>('/api/v1/sales/day?limit=100'));
  if (!day) return;
  ctx.clearError();
  const { totals } = day;
  fill(
    box,
    h('p', { class: 'muted' }, `${tr(T.date)} ${day.businessDate}`),
    h(
      'div',
      { class: 'figures' },
      figure(T.count, String(totals.count), 'sales-count'),
      figure(T.due, formatYuan(totals.dueFen), 'sales-due'),
      figure(T.refunds, `${totals.refundCount} · ${formatYuan(totals.refundFen)}`, 'sales-refunds-total'),
      figure(T.net, formatYuan(totals.netFen), 'sales-net'),
      figure(T.discount, formatYuan(totals.discountFen), 'sales-discount'),
      figure(
        T.average,
        totals.count === 0 ? formatYuan(0) : formatYuan(Math.round(totals.dueFen / totals.count)),
        'sales-average',
      ),
    ),
    h(
      'div',
      { class: 'columns' },
      h(
        'section',
        {},
        h('h2', {}, tr(T.byLane)),
        dataTable(
          'sales-lanes',
          [
            { title: T.lane, value: (r) => r.laneId },
            { title: T.count, value: (r) => r.count, num: true },
            { title: T.due, value: (r) => formatYuan(r.dueFen), num: true },
            { title: T.refunds, value: (r) => formatYuan(r.refundFen), num: true },
            { title: T.netShort, value: (r) => formatYuan(r.netFen), num: true },
          ],
          day.lanes,
        ),
      ),
      h(
        'section',
        {},
        h('h2', {}, tr(T.byTender)),
        dataTable(
          'sales-tenders',
          [
            { title: T.tenders, value: (r) => tenderName(r.kind) },
            { title: T.count, value: (r) => r.count, num: true },
            { title: T.taken, value: (r) => formatYuan(r.amountFen), num: true },
            { title: T.refunds, value: (r) => formatYuan(r.refundFen), num: true },
            { title: T.netShort, value: (r) => formatYuan(r.netFen), num: true },
          ],
          day.tenders,
        ),
      ),
    ),
    h('h2', {}, tr(T.latest)),
    dataTable(
      'sales-list',
      [
        { title: T.receipt, value: (r) => r.receiptNo },
        { title: T.time, value: (r) => localTime(r.completedAt) },
        { title: T.lane, value: (r) => r.laneId },
        { title: T.cashier, value: (r) => r.cashier },
        { title: T.member, value: (r) => (r.member ? tr(C.yes) : '') },
        { title: T.tenders, value: (r) => r.tenders.split(',').filter(Boolean).map(tenderName).join(' + ') },
        { title: T.amount, value: (r) => formatYuan(r.dueFen), num: true },
      ],
      day.sales,
    ),
    h('h2', {}, tr(T.latestRefunds)),
    dataTable(
      'sales-refunds',
      [
        { title: T.receipt, value: (r) => r.receiptNo },
        { title: T.time, value: (r) => localTime(r.createdAt) },
        { title: T.lane, value: (r) => r.laneId ?? '' },
        { title: T.cashier, value: (r) => r.cashier },
        { title: T.supervisor, value: (r) => r.supervisor ?? '' },
        { title: T.amount, value: (r) => formatYuan(r.refundFen), num: true },
      ],
      day.refunds,
    ),
  );
}

/** Today's figures (cash net of change given, refunds taken off), latest sales and refunds; redrawn on each sale.completed from /ws/events, and every 30 s. */
export const salesPage: ConsolePage = {
  id: 'sales',
  title: T.title,
  async render(ctx) {
    const box = h('div', { id: 'sales' });
    const status = h('span', { class: 'muted', id: 'sales-live' });
    ctx.root.append(
      h(
        'div',
        { class: 'toolbar' },
        h('button', { type: 'button', onclick: () => void draw(ctx, box) }, tr(C.refresh)),
        status,
      ),
      box,
    );
    let queued = false;
    ctx.onEvent('sale.completed', () => {
      status.textContent = tr(C.live);
      // a burst of sales from many lanes redraws once
      if (queued) return;
      queued = true;
      setTimeout(() => {
        queued = false;
        void draw(ctx, box);
      }, 300);
    });
    ctx.every(30_000, () => void draw(ctx, box));
    await draw(ctx, box);
  },
};
