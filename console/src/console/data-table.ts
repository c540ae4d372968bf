import { h } from '../shared/dom.ts';
import { tr, type Text } from '../shared/i18n.ts';
import { T } from './console-texts.ts';

type Cell = Node | string | number | null | undefined;
export type Column<R> = { title: Text; value(row: R): Cell; num?: boolean };

/** A plain table of records; `id` names the table for tests and styling. */
export function dataTable<R>(id: string, columns: readonly Column<R>[], rows: readonly R[]): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'muted', id: `${id}-empty` }, tr(T.none));
  return h(
    'table',
    { id, class: 'data' },
    h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { class: c.num ? 'num' : '' }, tr(c.title))))),
    h(
      'tbody',
      {},
      ...rows.map((r) => h('tr', {}, ...columns.map((c) => h('td', { class: c.num ? 'num' : '' }, c.value(r) ?? '')))),
    ),
  );
}

/** A local date-time for an ISO instant (the box stores UTC). */
export function localTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(document.documentElement.lang === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
}
