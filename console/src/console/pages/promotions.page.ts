import { api } from '../../shared/api.ts';
import { h } from '../../shared/dom.ts';
import { locale, tr, type Text } from '../../shared/i18n.ts';
import type { ConsolePage } from '../console-page.ts';
import { T as C } from '../console-texts.ts';
import { dataTable, localTime } from '../data-table.ts';

type Promotion = {
  id: string;
  definition: { name?: { zh: string; en?: string }; priority?: number; exclusivityGroup?: string; stage?: string };
  active: boolean;
  updatedAt: string;
  updatedBy: string;
};

const T = {
  title: { zh: '促销', en: 'Promotions' },
  id: { zh: '编号', en: 'Id' },
  name: { zh: '名称', en: 'Name' },
  priority: { zh: '优先级', en: 'Priority' },
  group: { zh: '互斥组', en: 'Exclusivity group' },
  status: { zh: '状态', en: 'Status' },
  updated: { zh: '最后修改', en: 'Last change' },
  activate: { zh: '启用', en: 'Activate' },
  deactivate: { zh: '停用', en: 'Deactivate' },
} as const satisfies Record<string, Text>;

/** Promotions as data: list and (de)activate (manager; the box validates and audits). */
export const promotionsPage: ConsolePage = {
  id: 'promotions',
  title: T.title,
  async render(ctx) {
    const promotions = ctx.data(await api<Promotion[]>('/api/v1/promotions'));
    if (!promotions) return;
    const toggle = async (p: Promotion) => {
      if (
        ctx.data(
          await api(`/api/v1/promotions/${encodeURIComponent(p.id)}/${p.active ? 'deactivate' : 'activate'}`, {
            method: 'POST',
            body: {},
          }),
        )
      )
        ctx.reload();
    };
    ctx.root.append(
      dataTable(
        'promotions-list',
        [
          { title: T.id, value: (p) => p.id },
          {
            title: T.name,
            value: (p) =>
              p.definition.name
                ? locale() === 'en'
                  ? (p.definition.name.en ?? p.definition.name.zh)
                  : p.definition.name.zh
                : '',
          },
          { title: T.priority, value: (p) => p.definition.priority, num: true },
          { title: T.group, value: (p) => p.definition.exclusivityGroup },
          { title: T.status, value: (p) => tr(p.active ? C.active : C.inactive) },
          { title: T.updated, value: (p) => `${localTime(p.updatedAt)} ${p.updatedBy}` },
          {
            title: T.status,
            value: (p) =>
              h('button', { type: 'button', onclick: () => void toggle(p) }, tr(p.active ? T.deactivate : T.activate)),
          },
        ],
        promotions,
      ),
    );
  },
};
