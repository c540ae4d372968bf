import {
  REPORT_BREAKDOWNS,
  type BreakdownRow,
  type Report,
  type ReportBreakdown,
} from '../../../../server/contracts/reports/reports.schema.ts';
import { formatYuanGrouped } from '../../../../server/core/money/index.ts';
import { api } from '../../shared/api.ts';
import { fill, h } from '../../shared/dom.ts';
import { locale, tr, type Text } from '../../shared/i18n.ts';
import { barsChart } from '../charts.ts';
import type { ConsolePage, PageContext } from '../console-page.ts';
import { TENDER_NAMES } from '../console-texts.ts';
import { dataTable } from '../data-table.ts';
import { monthStart, shiftDate, storeDate } from '../store-clock.ts';

const T = {
  title: { zh: '报表', en: 'Reports' },
  from: { zh: '开始日期', en: 'From' },
  to: { zh: '结束日期', en: 'To' },
  run: { zh: '查询', en: 'Run' },
  running: { zh: '查询中…', en: 'Running…' },
  csv: { zh: '导出 CSV', en: 'Export CSV' },
  xlsx: { zh: '导出 Excel', en: 'Export Excel' },
  print: { zh: '打印', en: 'Print' },
  today: { zh: '今天', en: 'Today' },
  week: { zh: '近7天', en: 'Last 7 days' },
  month: { zh: '本月', en: 'This month' },
  year: { zh: '近一年', en: 'Last year' },
  sales: { zh: '销售额', en: 'Sales' },
  orders: { zh: '订单数', en: 'Orders' },
  average: { zh: '客单价', en: 'Average basket' },
  memberShare: { zh: '会员占比', en: "Members' share" },
  discounts: { zh: '优惠', en: 'Discounts' },
  refunds: { zh: '退款', en: 'Refunds' },
  net: { zh: '净销售额', en: 'Net takings' },
  voids: { zh: '作废', en: 'Voids' },
  voidCarts: { zh: '整单作废 {n}', en: '{n} carts voided' },
  voidLines: { zh: '删行 {n}', en: '{n} lines voided' },
  key: { zh: '项目', en: 'Item' },
  count: { zh: '笔数', en: 'Count' },
  quantity: { zh: '数量', en: 'Qty' },
  amount: { zh: '金额', en: 'Amount' },
  refundReason: { zh: '退款原因', en: 'Refunds by reason' },
  refundLane: { zh: '各收银台退款', en: 'Refunds by lane' },
  voidCashier: { zh: '各收银员作废', en: 'Voids by cashier' },
  noReason: { zh: '（未填写）', en: '(none given)' },
} as const satisfies Record<string, Text>;

const BREAKDOWN_TITLES: Record<ReportBreakdown, Text> = {
  day: { zh: '按日', en: 'By day' },
  hour: { zh: '按小时', en: 'By hour' },
  lane: { zh: '按收银台', en: 'By lane' },
  cashier: { zh: '按收银员', en: 'By cashier' },
  channel: { zh: '按支付渠道', en: 'By channel' },
  category: { zh: '按品类', en: 'By category' },
  product: { zh: '按商品', en: 'By product' },
  promotion: { zh: '按促销', en: 'By promotion' },
};

function label(kind: ReportBreakdown, r: BreakdownRow): string {
  if (kind === 'channel') return tr(TENDER_NAMES[r.key] ?? { zh: r.key, en: r.key });
  if (kind === 'hour') return `${r.key.padStart(2, '0')}:00`;
  return r.name ? `${r.name} (${r.key})` : r.key;
}

function table(id: string, kind: ReportBreakdown | 'other', rows: BreakdownRow[], money = true): HTMLElement {
  return dataTable(
    id,
    [
      { title: T.key, value: (r) => (kind === 'other' ? r.key || tr(T.noReason) : label(kind, r)) },
      { title: T.count, value: (r) => r.sales, num: true },
      { title: T.quantity, value: (r) => r.quantity ?? '', num: true },
      ...(money ? [{ title: T.amount, value: (r: BreakdownRow) => formatYuanGrouped(r.amountFen), num: true }] : []),
    ],
    rows,
  );
}

function drawReport(box: HTMLElement, r: Report): void {
  const t = r.totals;
  const fig = (l: Text, v: string, id: string) =>
    h('div', { class: 'figure' }, h('span', {}, tr(l)), h('strong', { class: 'num', id }, v));
  const charted = new Set<ReportBreakdown>(['day', 'hour', 'category', 'channel']);
  const charts: Array<[HTMLElement, ReportBreakdown]> = [];
  fill(
    box,
    h('p', { class: 'muted', id: 'report-range' }, `${r.from} – ${r.to}`),
    h(
      'div',
      { class: 'figures' },
      fig(T.sales, formatYuanGrouped(t.dueFen), 'report-sales'),
      fig(T.orders, String(t.sales), 'report-orders'),
      fig(T.average, formatYuanGrouped(t.averageFen), 'report-average'),
      fig(T.memberShare, `${(t.memberShareBp / 100).toFixed(1)}%`, 'report-members'),
      fig(T.discounts, formatYuanGrouped(t.discountFen), 'report-discounts'),
      fig(T.refunds, `${t.refunds} · ${formatYuanGrouped(t.refundFen)}`, 'report-refunds'),
      fig(T.net, formatYuanGrouped(t.netFen), 'report-net'),
      fig(
        T.voids,
        `${tr(T.voidCarts, { n: r.voids.carts })} · ${tr(T.voidLines, { n: r.voids.lines })}`,
        'report-voids',
      ),
    ),
    h(
      'div',
      { class: 'columns' },
      ...REPORT_BREAKDOWNS.map((kind) => {
        const rows = r.breakdowns[kind];
        const chart =
          charted.has(kind) && rows.length > 0 ? h('div', { class: 'chart small', id: `report-${kind}-chart` }) : null;
        if (chart) charts.push([chart, kind]);
        return h(
          'section',
          { class: 'card' },
          h('h2', {}, tr(BREAKDOWN_TITLES[kind])),
          chart,
          h('div', { class: 'scroll' }, table(`report-${kind}`, kind, rows)),
        );
      }),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, tr(T.refundReason)),
        table('report-refund-reasons', 'other', r.refunds.byReason),
      ),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, tr(T.refundLane)),
        table('report-refund-lanes', 'other', r.refunds.byLane),
      ),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, tr(T.voidCashier)),
        table('report-voids-cashier', 'other', r.voids.byCashier, false),
      ),
    ),
  );
  for (const [el, kind] of charts)
    barsChart(
      el,
      r.breakdowns[kind]
        .slice(0, kind === 'day' || kind === 'hour' ? 400 : 10)
        .map((row) => ({ name: label(kind, row), fen: row.amountFen })),
    );
}

/** 报表: any date range, every breakdown, refunds and voids; export CSV / Excel (the box writes them) and print. */
export const reportsPage: ConsolePage = {
  id: 'reports',
  title: T.title,
  async render(ctx: PageContext) {
    const store = ctx.data(await api<{ timezone: string }>('/api/v1/store'));
    if (!store) return;
    // the store's today, whatever zone this browser's device is set to
    const today = storeDate(store.timezone);
    const from = h('input', { type: 'date', id: 'report-from', value: monthStart(today), required: true });
    const to = h('input', { type: 'date', id: 'report-to', value: today, required: true });
    const status = h('span', { class: 'muted', id: 'report-status', role: 'status' });
    const box = h('div', { id: 'report' });
    const exportLinks = (['csv', 'xlsx'] as const).map((format) =>
      h('a', { class: 'button', id: `report-export-${format}`, download: '' }, tr(format === 'csv' ? T.csv : T.xlsx)),
    );
    // the links always name the range in the form (a plain download: the session cookie goes with it)
    const relink = () => {
      for (const [i, format] of (['csv', 'xlsx'] as const).entries())
        exportLinks[i].href =
          `/api/v1/reports/export?${new URLSearchParams({ from: from.value, to: to.value, format, lang: locale() })}`;
    };
    from.addEventListener('input', relink);
    to.addEventListener('input', relink);
    relink();
    const run = async () => {
      status.textContent = tr(T.running);
      const r = ctx.data(
        await api<Report>(`/api/v1/reports?${new URLSearchParams({ from: from.value, to: to.value })}`),
      );
      status.textContent = '';
      if (!r) return;
      ctx.clearError();
      drawReport(box, r);
    };
    const preset = (text: Text, a: string, b: string) =>
      h(
        'button',
        {
          type: 'button',
          onclick: () => {
            from.value = a;
            to.value = b;
            relink();
            void run();
          },
        },
        tr(text),
      );
    ctx.root.append(
      h(
        'form',
        {
          class: 'toolbar wrap no-print',
          id: 'report-form',
          onsubmit: (e: Event) => {
            e.preventDefault();
            void run();
          },
        },
        h('label', {}, h('span', {}, tr(T.from)), from),
        h('label', {}, h('span', {}, tr(T.to)), to),
        h('button', { type: 'submit', class: 'primary' }, tr(T.run)),
        preset(T.today, today, today),
        preset(T.week, shiftDate(today, -6), today),
        preset(T.month, monthStart(today), today),
        preset(T.year, shiftDate(today, -364), today),
        ...exportLinks,
        h('button', { type: 'button', id: 'report-print', onclick: () => window.print() }, tr(T.print)),
        status,
      ),
      box,
    );
    await run();
  },
};
