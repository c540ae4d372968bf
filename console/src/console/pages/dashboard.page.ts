import type { BreakdownRow, Dashboard, SalesFigures } from '../../../../server/contracts/reports/reports.schema.ts';
import { formatYuanGrouped } from '../../../../server/core/money/index.ts';
import { api } from '../../shared/api.ts';
import { fill, h } from '../../shared/dom.ts';
import { tr, type Text } from '../../shared/i18n.ts';
import { hourlyChart, mixChart } from '../charts.ts';
import type { ConsolePage, PageContext } from '../console-page.ts';
import { T as C, TENDER_NAMES } from '../console-texts.ts';
import { dataTable } from '../data-table.ts';
import { storeClock } from '../store-clock.ts';

const T = {
  title: { zh: '首页', en: 'Dashboard' },
  date: { zh: '营业日', en: 'Business date' },
  sales: { zh: '销售额', en: 'Sales' },
  orders: { zh: '订单数', en: 'Orders' },
  average: { zh: '客单价', en: 'Average basket' },
  memberShare: { zh: '会员占比', en: "Members' share" },
  refunds: { zh: '退款', en: 'Refunds' },
  discounts: { zh: '优惠', en: 'Discounts' },
  yesterday: { zh: '昨日', en: 'Yesterday' },
  lastWeek: { zh: '上周同日', en: 'Same day last week' },
  today: { zh: '今日', en: 'Today' },
  perHour: { zh: '分时销售额', en: 'Sales per hour' },
  channels: { zh: '支付渠道占比', en: 'Channel mix' },
  topProducts: { zh: '热销商品', en: 'Top items' },
  topCategories: { zh: '热销品类', en: 'Top categories' },
  product: { zh: '商品', en: 'Item' },
  category: { zh: '品类', en: 'Category' },
  quantity: { zh: '数量', en: 'Qty' },
  amount: { zh: '金额', en: 'Amount' },
  lanes: { zh: '收银台实时', en: 'Lanes live' },
  lane: { zh: '收银台', en: 'Lane' },
  state: { zh: '状态', en: 'State' },
  cashier: { zh: '收银员', en: 'Cashier' },
  shift: { zh: '班次', en: 'Shift' },
  shiftOpen: { zh: '已开班', en: 'Open' },
  shiftNone: { zh: '未开班', en: 'None' },
  selling: { zh: '收银中', en: 'Selling' },
  idle: { zh: '空闲', en: 'Idle' },
  offline: { zh: '离线', en: 'Offline' },
  anomalies: { zh: '待处理对账异常', en: 'Open reconciliation anomalies' },
  alerts: { zh: '设备告警', en: 'Device alerts' },
  hqUp: { zh: '总部已连接', en: 'HQ connected' },
  hqDown: { zh: '总部未连接', en: 'HQ not connected' },
  hqOff: { zh: '总部同步未启用', en: 'HQ link off' },
  backlog: { zh: '待上传 {n} 条', en: '{n} waiting to send' },
  updated: { zh: '更新于 {time}', en: 'Updated {time}' },
} as const satisfies Record<string, Text>;

const STATE: Record<string, Text> = { selling: T.selling, idle: T.idle, offline: T.offline };

const pct = (bp: number) => `${(bp / 100).toFixed(1)}%`;

/** today against another day: +12.5% / −3.0% / — (no base) */
function change(now: number, then: number): { text: string; dir: 'up' | 'down' | 'flat' } {
  if (then === 0) return { text: now === 0 ? '0%' : '—', dir: now === 0 ? 'flat' : 'up' };
  const p = ((now - then) / then) * 100;
  return {
    text: `${p > 0 ? '+' : p < 0 ? '−' : ''}${Math.abs(p).toFixed(1)}%`,
    dir: p > 0 ? 'up' : p < 0 ? 'down' : 'flat',
  };
}

type Metric = { id: string; label: Text; value(f: SalesFigures): number; show(n: number): string };
const METRICS: readonly Metric[] = [
  { id: 'sales', label: T.sales, value: (f) => f.dueFen, show: formatYuanGrouped },
  { id: 'orders', label: T.orders, value: (f) => f.sales, show: String },
  { id: 'average', label: T.average, value: (f) => f.averageFen, show: formatYuanGrouped },
  { id: 'members', label: T.memberShare, value: (f) => f.memberShareBp, show: pct },
  { id: 'refunds', label: T.refunds, value: (f) => f.refundFen, show: formatYuanGrouped },
  { id: 'discounts', label: T.discounts, value: (f) => f.discountFen, show: formatYuanGrouped },
];

function figure(m: Metric, d: Dashboard): HTMLElement {
  const now = m.value(d.today);
  const against = (label: Text, f: SalesFigures) => {
    const c = change(now, m.value(f));
    return h('span', { class: `vs ${c.dir}` }, `${tr(label)} ${m.show(m.value(f))} `, h('b', {}, c.text));
  };
  return h(
    'div',
    { class: 'figure', id: `dash-${m.id}` },
    h('span', {}, tr(m.label)),
    h('strong', { class: 'num', id: `dash-${m.id}-value` }, m.show(now)),
    against(T.yesterday, d.yesterday),
    against(T.lastWeek, d.lastWeek),
  );
}

const tenderName = (kind: string) => tr(TENDER_NAMES[kind] ?? { zh: kind, en: kind });

function badges(d: Dashboard): HTMLElement {
  const { openAnomalies, deviceAlerts, hq } = d.badges;
  const hqText = !hq.enabled ? tr(T.hqOff) : hq.connected ? tr(T.hqUp) : tr(T.hqDown);
  return h(
    'div',
    { class: 'badges', id: 'dash-badges' },
    h(
      'a',
      { href: '#reconciliation', class: `badge ${openAnomalies > 0 ? 'warn' : 'ok'}`, id: 'badge-anomalies' },
      `${tr(T.anomalies)} ${openAnomalies}`,
    ),
    h(
      'a',
      {
        href: '#devices',
        class: `badge ${deviceAlerts.length > 0 ? 'warn' : 'ok'}`,
        id: 'badge-devices',
        title: deviceAlerts.map((a) => `${a.name}: ${a.kind}`).join('\n'),
      },
      `${tr(T.alerts)} ${deviceAlerts.length}`,
    ),
    h(
      'span',
      { class: `badge ${hq.enabled && !hq.connected ? 'warn' : 'ok'}`, id: 'badge-hq' },
      hq.enabled && hq.backlog > 0 ? `${hqText} · ${tr(T.backlog, { n: hq.backlog })}` : hqText,
    ),
  );
}

function ranking(id: string, title: Text, keyTitle: Text, rows: BreakdownRow[]): HTMLElement {
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, tr(title)),
    dataTable(
      id,
      [
        { title: keyTitle, value: (r) => r.name ?? r.key },
        { title: T.quantity, value: (r) => (r.quantity === undefined ? '' : r.quantity), num: true },
        { title: T.amount, value: (r) => formatYuanGrouped(r.amountFen), num: true },
      ],
      rows,
    ),
  );
}

async function draw(ctx: PageContext, box: HTMLElement, stamp: HTMLElement, timeZone: string): Promise<void> {
  const d = ctx.data(await api<Dashboard>('/api/v1/dashboard'));
  if (!d) return;
  ctx.clearError();
  stamp.textContent = tr(T.updated, { time: storeClock(timeZone) });
  const hourly = h('div', { class: 'chart', id: 'dash-hourly', role: 'img', 'aria-label': tr(T.perHour) });
  const mix = h('div', { class: 'chart', id: 'dash-channels', role: 'img', 'aria-label': tr(T.channels) });
  fill(
    box,
    h('p', { class: 'muted', id: 'dash-date' }, `${tr(T.date)} ${d.businessDate}`),
    badges(d),
    h('div', { class: 'figures' }, ...METRICS.map((m) => figure(m, d))),
    h(
      'div',
      { class: 'columns' },
      h('section', { class: 'card wide' }, h('h2', {}, tr(T.perHour)), hourly),
      h('section', { class: 'card' }, h('h2', {}, tr(T.channels)), mix),
    ),
    h(
      'div',
      { class: 'columns' },
      ranking('dash-products', T.topProducts, T.product, d.topProducts),
      ranking('dash-categories', T.topCategories, T.category, d.topCategories),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, tr(T.lanes)),
      dataTable(
        'dash-lanes',
        [
          { title: T.lane, value: (l) => `${l.laneId} ${l.name}` },
          {
            title: T.state,
            value: (l) => h('span', { class: `state ${l.state}` }, tr(STATE[l.state])),
          },
          { title: T.cashier, value: (l) => l.cashier ?? '' },
          { title: T.shift, value: (l) => tr(l.shiftOpen ? T.shiftOpen : T.shiftNone) },
        ],
        d.lanes,
      ),
    ),
  );
  hourlyChart(hourly, [
    { name: tr(T.today), fen: d.hourly.today },
    { name: tr(T.yesterday), fen: d.hourly.yesterday },
    { name: tr(T.lastWeek), fen: d.hourly.lastWeek },
  ]);
  mixChart(
    mix,
    d.channels.map((c) => ({ name: tenderName(c.key), fen: c.amountFen })),
  );
}

/** 首页: today against yesterday and last week, charts, top items, lanes live, badges; redrawn on live events and every 30 s. */
export const dashboardPage: ConsolePage = {
  id: 'dashboard',
  title: T.title,
  async render(ctx) {
    const store = ctx.data(await api<{ timezone: string }>('/api/v1/store'));
    if (!store) return;
    const redraw = () => void draw(ctx, box, stamp, store.timezone);
    const box = h('div', { id: 'dashboard' });
    const stamp = h('span', { class: 'muted', id: 'dash-updated' });
    ctx.root.append(
      h('div', { class: 'toolbar' }, h('button', { type: 'button', onclick: redraw }, tr(C.refresh)), stamp),
      box,
    );
    let queued = false;
    const soon = () => {
      // a burst of sales from many lanes redraws once
      if (queued) return;
      queued = true;
      setTimeout(() => {
        queued = false;
        redraw();
      }, 300);
    };
    for (const topic of ['sale.completed', 'lane.presence', 'device.alert', 'device.presence'])
      ctx.onEvent(topic, soon);
    ctx.every(30_000, redraw);
    await draw(ctx, box, stamp, store.timezone);
  },
};
