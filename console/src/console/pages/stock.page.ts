import { api, newIdempotencyKey } from '../../shared/api.ts';
import { fill, h } from '../../shared/dom.ts';
import { locale, tr, type Text } from '../../shared/i18n.ts';
import type { ConsolePage, PageContext } from '../console-page.ts';
import { T as C } from '../console-texts.ts';
import { dataTable, localTime } from '../data-table.ts';

type StockRow = {
  sku: string;
  nameZh: string;
  nameEn: string | null;
  unit: 'each' | 'kg';
  onHand: number;
  minOnHand: number | null;
  lastSaleAt: string | null;
  negative: boolean;
  low: boolean;
};
type Movement = { id: number; kind: string; delta: number; ref: string; reason: string | null; at: string };
type Alerts = { negative: StockRow[]; low: StockRow[]; slow: StockRow[]; slowMoverDays: number };
type ReceiveLine = { barcode: string; row: StockRow; quantity: number };

const T = {
  title: { zh: '库存', en: 'Stock' },
  query: { zh: '名称、SKU、条码或 PLU', en: 'Name, SKU, barcode or PLU' },
  sku: { zh: 'SKU', en: 'SKU' },
  name: { zh: '名称', en: 'Name' },
  onHand: { zh: '在库', en: 'On hand' },
  minimum: { zh: '最低库存', en: 'Minimum' },
  flags: { zh: '提示', en: 'Flags' },
  negative: { zh: '负库存', en: 'Negative' },
  low: { zh: '低于最低库存', en: 'Low' },
  movements: { zh: '流水', en: 'Movements' },
  movementsOf: { zh: '{name} 的库存流水', en: 'Movements of {name}' },
  kind: { zh: '类型', en: 'Kind' },
  delta: { zh: '数量', en: 'Quantity' },
  ref: { zh: '单据', en: 'Reference' },
  reason: { zh: '原因', en: 'Reason' },
  at: { zh: '时间', en: 'Time' },
  alerts: { zh: '库存预警', en: 'Stock alerts' },
  alertCounts: {
    zh: '负库存 {negative} 个 · 低库存 {low} 个 · 滞销（{days} 天未售）{slow} 个',
    en: '{negative} negative · {low} low · {slow} slow movers (no sale in {days} days)',
  },
  receive: { zh: '收货（扫码）', en: 'Receive (scan)' },
  scan: { zh: '扫描条码后回车', en: 'Scan a barcode, then Enter' },
  poId: { zh: '采购单号（可选）', en: 'Purchase order (optional)' },
  quantity: { zh: '数量', en: 'Quantity' },
  post: { zh: '过账收货', en: 'Post receipt' },
  unknownBarcode: { zh: '未知条码：{code}', en: 'Unknown barcode: {code}' },
  received: { zh: '已收货 {lines} 行', en: 'Received {lines} lines' },
  grams: { zh: '克', en: 'g' },
} as const satisfies Record<string, Text>;

const KINDS: Readonly<Record<string, Text>> = {
  sale: { zh: '销售', en: 'Sale' },
  refund: { zh: '退货', en: 'Refund' },
  receiving: { zh: '收货', en: 'Receiving' },
  stocktake: { zh: '盘点', en: 'Stocktake' },
  transfer_out: { zh: '调出', en: 'Transfer out' },
  transfer_in: { zh: '调入', en: 'Transfer in' },
  write_off: { zh: '报损', en: 'Write-off' },
  correction: { zh: '更正', en: 'Correction' },
};

const nameOf = (r: StockRow) => (locale() === 'en' ? (r.nameEn ?? r.nameZh) : r.nameZh);
const amount = (r: StockRow, n: number) => (r.unit === 'kg' ? `${n} ${tr(T.grams)}` : String(n));

/** Stock (库存): search with on hand, a product's movements, the alerts, and receiving by scanning. */
export const stockPage: ConsolePage = {
  id: 'stock',
  title: T.title,
  async render(ctx) {
    const list = h('div', {});
    const movements = h('div', { id: 'stock-movements' });
    const alerts = h('div', { id: 'stock-alerts' });
    const input = h('input', { type: 'search', placeholder: tr(T.query), id: 'stock-q' });

    const showMovements = async (row: StockRow) => {
      const detail = ctx.data(await api<{ movements: Movement[] }>(`/api/v1/stock/${encodeURIComponent(row.sku)}`));
      if (!detail) return;
      fill(
        movements,
        h('h3', {}, tr(T.movementsOf, { name: nameOf(row) })),
        dataTable(
          'stock-movements-list',
          [
            { title: T.at, value: (m) => localTime(m.at) },
            { title: T.kind, value: (m) => (KINDS[m.kind] ? tr(KINDS[m.kind]!) : m.kind) },
            { title: T.delta, value: (m) => amount(row, m.delta), num: true },
            { title: T.ref, value: (m) => m.ref },
            { title: T.reason, value: (m) => m.reason ?? '' },
          ],
          detail.movements,
        ),
      );
    };
    const load = async () => {
      const rows = ctx.data(await api<StockRow[]>(`/api/v1/stock?q=${encodeURIComponent(input.value.trim())}`));
      if (!rows) return;
      fill(
        list,
        dataTable(
          'stock-list',
          [
            { title: T.sku, value: (r) => r.sku },
            { title: T.name, value: nameOf },
            { title: T.onHand, value: (r) => h('span', { class: 'on-hand' }, amount(r, r.onHand)), num: true },
            { title: T.minimum, value: (r) => (r.minOnHand === null ? '' : amount(r, r.minOnHand)), num: true },
            {
              title: T.flags,
              value: (r) => [r.negative ? tr(T.negative) : '', r.low ? tr(T.low) : ''].filter(Boolean).join(' · '),
            },
            {
              title: T.movements,
              value: (r) =>
                h(
                  'button',
                  { type: 'button', class: 'movements', onclick: () => void showMovements(r) },
                  tr(T.movements),
                ),
            },
          ],
          rows,
        ),
      );
    };
    const loadAlerts = async () => {
      const a = ctx.data(await api<Alerts>('/api/v1/stock/alerts?limit=20'));
      if (!a) return;
      const names = (rows: StockRow[]) => rows.map((r) => `${nameOf(r)} (${amount(r, r.onHand)})`).join('、');
      fill(
        alerts,
        h('h3', {}, tr(T.alerts)),
        h(
          'p',
          { id: 'stock-alert-counts' },
          tr(T.alertCounts, {
            negative: a.negative.length,
            low: a.low.length,
            slow: a.slow.length,
            days: a.slowMoverDays,
          }),
        ),
        a.negative.length ? h('p', { class: 'warn' }, `${tr(T.negative)}：${names(a.negative)}`) : null,
        a.low.length ? h('p', { class: 'warn' }, `${tr(T.low)}：${names(a.low)}`) : null,
      );
    };

    const search = h('form', { class: 'toolbar' }, input, h('button', { type: 'submit' }, tr(C.search)));
    search.addEventListener('submit', (e) => {
      e.preventDefault();
      void load();
    });
    ctx.root.append(
      search,
      list,
      movements,
      receiveForm(ctx, () => Promise.all([load(), loadAlerts()])),
      alerts,
    );
    ctx.onEvent('stock.alert', () => void loadAlerts());
    await Promise.all([load(), loadAlerts()]);
  },
};

/** Receiving by scanning: each scan adds a line (or one more of a line already there), then one post. */
function receiveForm(ctx: PageContext, after: () => Promise<unknown>): HTMLElement {
  const lines: ReceiveLine[] = [];
  const table = h('div', { id: 'receive-lines' });
  const result = h('p', { id: 'receive-result', class: 'muted' });
  const scan = h('input', { id: 'receive-scan', placeholder: tr(T.scan), autocomplete: 'off' });
  const po = h('input', { id: 'receive-po', placeholder: tr(T.poId), autocomplete: 'off' });
  const draw = () =>
    fill(
      table,
      dataTable(
        'receive-lines-list',
        [
          { title: T.name, value: (l) => nameOf(l.row) },
          {
            title: T.quantity,
            value: (l) => {
              const q = h('input', {
                type: 'number',
                min: 1,
                step: 1,
                value: String(l.quantity),
                class: 'receive-qty',
              });
              q.addEventListener('change', () => (l.quantity = Number(q.value)));
              return q;
            },
          },
        ],
        lines,
      ),
    );
  scan.addEventListener('keydown', async (e) => {
    if ((e as KeyboardEvent).key !== 'Enter') return;
    e.preventDefault();
    const code = scan.value.trim();
    scan.value = '';
    if (!code) return;
    const same = lines.find((l) => l.barcode === code);
    if (same) {
      same.quantity += 1;
      return draw();
    }
    const found = ctx.data(await api<StockRow[]>(`/api/v1/stock?q=${encodeURIComponent(code)}&limit=1`));
    if (!found) return;
    if (!found[0]) return ctx.showError({ code: 'INVENTORY_UNKNOWN_PRODUCT', message: tr(T.unknownBarcode, { code }) });
    ctx.clearError();
    lines.push({ barcode: code, row: found[0], quantity: 1 });
    draw();
  });
  const post = h('button', { type: 'button', id: 'receive-post' }, tr(T.post));
  post.addEventListener('click', async () => {
    if (lines.length === 0) return;
    const body = {
      ...(po.value.trim() ? { poId: po.value.trim() } : {}),
      lines: lines.map((l) => ({ barcode: l.barcode, quantity: l.quantity })),
    };
    const done = ctx.data(
      await api<{ lines: unknown[] }>('/api/v1/receivings', { body, idempotencyKey: newIdempotencyKey() }),
    );
    if (!done) return;
    ctx.clearError();
    result.textContent = tr(T.received, { lines: done.lines.length });
    lines.length = 0;
    draw();
    await after();
  });
  draw();
  return h(
    'section',
    { id: 'receive' },
    h('h3', {}, tr(T.receive)),
    h('div', { class: 'toolbar' }, scan, po, post),
    table,
    result,
  );
}
