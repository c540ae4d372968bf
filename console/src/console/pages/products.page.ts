import { formatYuan } from '../../../../server/core/money/index.ts';
import { api } from '../../shared/api.ts';
import { fill, h } from '../../shared/dom.ts';
import { locale, tr, type Text } from '../../shared/i18n.ts';
import type { ConsolePage } from '../console-page.ts';
import { T as C } from '../console-texts.ts';
import { dataTable } from '../data-table.ts';

type Product = {
  sku: string;
  names: { zh: string; en?: string };
  categoryPath: string;
  unit: 'each' | 'kg';
  priceFen: number;
  status: string;
  barcodes: string[];
  plu?: string;
};

const T = {
  title: { zh: '商品', en: 'Products' },
  query: { zh: '名称、SKU、条码或 PLU', en: 'Name, SKU, barcode or PLU' },
  sku: { zh: 'SKU', en: 'SKU' },
  name: { zh: '名称', en: 'Name' },
  category: { zh: '分类', en: 'Category' },
  price: { zh: '售价', en: 'Price' },
  barcodes: { zh: '条码', en: 'Barcodes' },
  status: { zh: '状态', en: 'Status' },
  total: { zh: '共 {total} 个，第 {page} 页', en: '{total} products, page {page}' },
} as const satisfies Record<string, Text>;

const PAGE_SIZE = 50;

/** The catalog, searchable and paged (changes go through the API / catalog import, both audited). */
export const productsPage: ConsolePage = {
  id: 'products',
  title: T.title,
  async render(ctx) {
    const list = h('div', {});
    const input = h('input', { type: 'search', placeholder: tr(T.query), id: 'products-q' });
    let page = 1;
    const load = async () => {
      const r = ctx.data(
        await api<{ items: Product[]; total: number }>(
          `/api/v1/products?q=${encodeURIComponent(input.value.trim())}&page=${page}&pageSize=${PAGE_SIZE}`,
        ),
      );
      if (!r) return;
      const go = (step: number) => () => {
        page += step;
        void load();
      };
      fill(
        list,
        h('p', { class: 'muted' }, tr(T.total, { total: r.total, page })),
        dataTable(
          'products-list',
          [
            { title: T.sku, value: (p) => p.sku },
            { title: T.name, value: (p) => (locale() === 'en' ? (p.names.en ?? p.names.zh) : p.names.zh) },
            { title: T.category, value: (p) => p.categoryPath },
            {
              title: T.price,
              value: (p) => (p.unit === 'kg' ? `${formatYuan(p.priceFen)}/kg` : formatYuan(p.priceFen)),
              num: true,
            },
            { title: T.barcodes, value: (p) => [...p.barcodes, p.plu ? `PLU ${p.plu}` : ''].filter(Boolean).join(' ') },
            { title: T.status, value: (p) => tr(p.status === 'active' ? C.active : C.inactive) },
          ],
          r.items,
        ),
        h(
          'div',
          { class: 'toolbar' },
          page > 1 ? h('button', { type: 'button', onclick: go(-1) }, tr(C.previous)) : null,
          page * PAGE_SIZE < r.total ? h('button', { type: 'button', onclick: go(1) }, tr(C.next)) : null,
        ),
      );
    };
    const search = h('form', { class: 'toolbar' }, input, h('button', { type: 'submit' }, tr(C.search)));
    search.addEventListener('submit', (e) => {
      e.preventDefault();
      page = 1;
      void load();
    });
    ctx.root.append(search, list);
    await load();
  },
};
