import { formatYuan } from '../../../../server/core/money/index.ts';
import { api } from '../../shared/api.ts';
import { fill, h } from '../../shared/dom.ts';
import { tr, type Text } from '../../shared/i18n.ts';
import type { ConsolePage } from '../console-page.ts';
import { T as C } from '../console-texts.ts';
import { dataTable } from '../data-table.ts';

/** MemberSummary from the box: the phone comes masked (138****0000) and is shown as it comes. */
type Member = {
  id: string;
  code: string;
  name: string;
  phone: string;
  tier: { code: string; name: string };
  pointsBalance: number;
  storedValueFen: number | null;
};

const T = {
  title: { zh: '会员', en: 'Members' },
  query: { zh: '手机号、手机尾号 4 位或会员码', en: 'Phone, last 4 digits or member code' },
  code: { zh: '会员码', en: 'Member code' },
  name: { zh: '姓名', en: 'Name' },
  phone: { zh: '手机', en: 'Phone' },
  tier: { zh: '等级', en: 'Tier' },
  points: { zh: '积分', en: 'Points' },
  storedValue: { zh: '储值余额', en: 'Stored value' },
} as const satisfies Record<string, Text>;

/** Member lookup: 4 digits are a phone suffix, 11+ digits a phone, anything else a member code. */
export function memberQuery(text: string): string {
  const q = text.trim();
  if (/^\d{4}$/.test(q)) return `suffix=${q}`;
  if (/^\+?\d[\d\s-]{6,}$/.test(q)) return `phone=${encodeURIComponent(q)}`;
  return `code=${encodeURIComponent(q)}`;
}

export const membersPage: ConsolePage = {
  id: 'members',
  title: T.title,
  async render(ctx) {
    const list = h('div', {});
    const input = h('input', { type: 'search', placeholder: tr(T.query), id: 'members-q', required: true });
    const form = h('form', { class: 'toolbar' }, input, h('button', { type: 'submit' }, tr(C.search)));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const members = ctx.data(await api<Member[]>(`/api/v1/members?${memberQuery(input.value)}`));
      if (!members) return;
      ctx.clearError();
      fill(
        list,
        dataTable(
          'members-list',
          [
            { title: T.code, value: (m) => m.code },
            { title: T.name, value: (m) => m.name },
            { title: T.phone, value: (m) => m.phone },
            { title: T.tier, value: (m) => m.tier.name },
            { title: T.points, value: (m) => m.pointsBalance, num: true },
            {
              title: T.storedValue,
              value: (m) => (m.storedValueFen === null ? '' : formatYuan(m.storedValueFen)),
              num: true,
            },
          ],
          members,
        ),
      );
    });
    ctx.root.append(form, list);
  },
};
