import type { Suggestion } from '../../../../server/core/inventory/replenishment.ts';
import { formatYuan } from '../../../../server/core/money/index.ts';
import { api } from '../../shared/api.ts';
import { fill, h } from '../../shared/dom.ts';
import { tr, type Text } from '../../shared/i18n.ts';
import type { ConsolePage } from '../console-page.ts';
import { T as C } from '../console-texts.ts';
import { dataTable, localTime } from '../data-table.ts';

type Line = {
  sku: string;
  nameZh: string;
  unit: 'each' | 'kg';
  supplierId: string | null;
  supplierName: string | null;
  quantity: number;
  costFen: number | null;
  flags: string[];
  explanation: Suggestion;
};
type Run = { id: string; asOf: string; finishedAt: string; actor: string; products: number; suggested: number };
type Draft = {
  supplierId: string | null;
  supplierName: string | null;
  lines: Line[];
  totalCostFen: number;
  linesWithoutCost: number;
};
type Latest = { run: Run; truncated: boolean; purchaseOrders: Draft[] };

const T = {
  title: { zh: '补货建议', en: 'Replenishment' },
  run: { zh: '生成补货建议', en: 'Make suggestions' },
  running: { zh: '正在计算…（后台运行，不影响收银）', en: 'Working… (in the background; the lanes are not slowed)' },
  exportCsv: { zh: '导出 CSV', en: 'Export CSV' },
  exportXlsx: { zh: '导出 Excel', en: 'Export Excel' },
  summary: {
    zh: '截至 {asOf} 的销售，{products} 个商品中 {suggested} 个建议补货（{finishedAt} 由 {actor} 生成）',
    en: 'Sales through {asOf}: {suggested} of {products} products to reorder (made {finishedAt} by {actor})',
  },
  noRun: { zh: '尚未生成补货建议。点击“生成补货建议”。', en: 'No suggestions yet. Click “Make suggestions”.' },
  truncated: { zh: '只显示前 1000 条，完整清单请导出。', en: 'The first 1000 lines only; export for the full list.' },
  unassigned: { zh: '未指定供应商', en: 'No supplier set' },
  draftTotal: { zh: '采购单草稿：{lines} 个商品，合计 {total}', en: 'Draft order: {lines} products, total {total}' },
  withoutCost: { zh: '（{n} 个商品无进价，未计入合计）', en: ' ({n} without a cost, not in the total)' },
  sku: { zh: '商品编码', en: 'SKU' },
  name: { zh: '品名', en: 'Name' },
  quantity: { zh: '建议订货', en: 'Order' },
  demand: { zh: '日均需求', en: 'Demand/day' },
  lead: { zh: '提前期(天)', en: 'Lead time (d)' },
  safety: { zh: '安全库存', en: 'Safety stock' },
  reorderPoint: { zh: '再订货点', en: 'Reorder point' },
  onHand: { zh: '现有', en: 'On hand' },
  onOrder: { zh: '在途', en: 'On order' },
  cover: { zh: '可售天数', en: 'Days of cover' },
  why: { zh: '依据', en: 'Why' },
  explain: {
    zh: '提前期 {lead} 天需求 {dlt} + 安全库存 {ss}（服务水平 {sl}%，z={z}）→ 再订货点 {rop}；现有 {onHand} + 在途 {onOrder} ≤ {rop}，补至 {upTo} 需 {raw}，按每包 {pack}、起订 {min} 取整为 {qty}',
    en: 'Lead-time demand {dlt} over {lead} d + safety stock {ss} (service {sl}%, z={z}) → reorder point {rop}; on hand {onHand} + on order {onOrder} ≤ {rop}: up to {upTo} needs {raw}, in packs of {pack}, min {min} → {qty}',
  },
  flagged: { zh: '库存提示', en: 'Stock flags' },
  dead: { zh: '滞销（长期无销售）', en: 'Dead (no sales)' },
  slow: { zh: '周转慢', en: 'Slow movers' },
  negative: { zh: '负库存', en: 'Negative stock' },
  turnover: { zh: '年周转次数', en: 'Turns/year' },
} as const satisfies Record<string, Text>;

const FLAGS = ['dead', 'slow', 'negative'] as const;

function explanation(l: Line): string {
  const e = l.explanation;
  return tr(T.explain, {
    lead: e.leadTimeDays,
    dlt: e.demandOverLeadTime,
    ss: e.safetyStock,
    sl: e.serviceLevelBp / 100,
    z: e.z,
    rop: e.reorderPoint,
    onHand: e.onHand,
    onOrder: e.onOrder,
    upTo: e.orderUpTo,
    raw: e.rawQuantity,
    pack: e.packSize,
    min: e.minOrder,
    qty: e.quantity,
  });
}

function draftTable(d: Draft, index: number): HTMLElement {
  return h(
    'section',
    { class: 'replenishment-draft', 'data-supplier': d.supplierId ?? '' },
    h('h3', {}, d.supplierName ?? tr(T.unassigned)),
    h(
      'p',
      { class: 'muted' },
      tr(T.draftTotal, { lines: d.lines.length, total: formatYuan(d.totalCostFen) }) +
        (d.linesWithoutCost > 0 ? tr(T.withoutCost, { n: d.linesWithoutCost }) : ''),
    ),
    dataTable(
      `replenishment-draft-${index}`,
      [
        { title: T.sku, value: (l: Line) => l.sku },
        { title: T.name, value: (l) => l.nameZh },
        { title: T.quantity, value: (l) => h('strong', { class: 'quantity' }, String(l.quantity)), num: true },
        { title: T.demand, value: (l) => l.explanation.demandPerDay, num: true },
        { title: T.lead, value: (l) => l.explanation.leadTimeDays, num: true },
        { title: T.safety, value: (l) => l.explanation.safetyStock, num: true },
        { title: T.reorderPoint, value: (l) => l.explanation.reorderPoint, num: true },
        { title: T.onHand, value: (l) => l.explanation.onHand, num: true },
        { title: T.onOrder, value: (l) => l.explanation.onOrder, num: true },
        { title: T.cover, value: (l) => l.explanation.daysOfCover ?? '—', num: true },
        { title: T.why, value: (l) => h('span', { class: 'why' }, explanation(l)) },
      ],
      d.lines,
    ),
  );
}

/**
 * The latest replenishment run (docs/replenishment.md): draft purchase orders by supplier, each line with
 * the figures it was made from; run again (on the box's worker thread), export, and flagged stock.
 */
export const replenishmentPage: ConsolePage = {
  id: 'replenishment',
  title: T.title,
  async render(ctx) {
    const status = h('p', { id: 'replenishment-status' });
    const drafts = h('div', { id: 'replenishment-drafts' });
    const flagged = h('div', { id: 'replenishment-flagged' });
    const runButton = h('button', { type: 'button', id: 'replenishment-run' }, tr(T.run));
    const exports = h(
      'span',
      { id: 'replenishment-export', hidden: true },
      h(
        'a',
        { href: '/api/v1/replenishment/latest/export?format=csv', download: '', class: 'button' },
        tr(T.exportCsv),
      ),
      ' ',
      h(
        'a',
        { href: '/api/v1/replenishment/latest/export?format=xlsx', download: '', class: 'button' },
        tr(T.exportXlsx),
      ),
    );
    const showFlag = async (flag: (typeof FLAGS)[number]) => {
      const r = await api<{ lines: Line[] }>(`/api/v1/replenishment/latest/stock?flag=${flag}&limit=1000`);
      if (!r.ok) return;
      fill(
        flagged,
        dataTable(
          `replenishment-${flag}`,
          [
            { title: T.sku, value: (l: Line) => l.sku },
            { title: T.name, value: (l) => l.nameZh },
            { title: T.onHand, value: (l) => l.explanation.onHand, num: true },
            { title: T.demand, value: (l) => l.explanation.demandPerDay, num: true },
            { title: T.cover, value: (l) => l.explanation.daysOfCover ?? '—', num: true },
            { title: T.turnover, value: (l) => l.explanation.turnoverPerYear ?? '—', num: true },
          ],
          r.data.lines,
        ),
      );
    };
    const load = async () => {
      const r = await api<Latest>('/api/v1/replenishment/latest?limit=1000');
      if (!r.ok && r.error.code === 'REPLENISHMENT_NO_RUN') {
        status.textContent = tr(T.noRun);
        fill(drafts);
        return;
      }
      const latest = ctx.data(r);
      if (!latest) return;
      const { run } = latest;
      status.textContent = tr(T.summary, { ...run, finishedAt: localTime(run.finishedAt) });
      exports.hidden = false;
      fill(
        drafts,
        ...latest.purchaseOrders.map(draftTable),
        latest.truncated ? h('p', { class: 'muted' }, tr(T.truncated)) : null,
      );
      await showFlag('dead');
    };
    runButton.addEventListener('click', async () => {
      runButton.disabled = true;
      status.textContent = tr(T.running);
      const r = await api<{ run: Run }>('/api/v1/replenishment/run', { method: 'POST', body: {} });
      runButton.disabled = false;
      if (ctx.data(r)) await load();
    });
    ctx.root.append(
      h(
        'div',
        { class: 'toolbar' },
        runButton,
        exports,
        h('button', { type: 'button', onclick: () => void load() }, tr(C.refresh)),
      ),
      status,
      drafts,
      h('h3', {}, tr(T.flagged)),
      h(
        'div',
        { class: 'toolbar' },
        ...FLAGS.map((f) => h('button', { type: 'button', 'data-flag': f, onclick: () => void showFlag(f) }, tr(T[f]))),
      ),
      flagged,
    );
    await load();
  },
};
