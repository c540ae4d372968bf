import { api } from '../../shared/api.ts';
import { h } from '../../shared/dom.ts';
import { tr, type Text } from '../../shared/i18n.ts';
import type { ConsolePage } from '../console-page.ts';
import { T as C, ROLE_NAMES } from '../console-texts.ts';
import { dataTable, localTime } from '../data-table.ts';

type Staff = { id: number; username: string; displayName: string; role: string; active: boolean; createdAt?: string };

const T = {
  title: { zh: '员工', en: 'Staff' },
  username: { zh: '用户名', en: 'Username' },
  name: { zh: '姓名', en: 'Name' },
  role: { zh: '角色', en: 'Role' },
  status: { zh: '状态', en: 'Status' },
  created: { zh: '创建时间', en: 'Created' },
  add: { zh: '新增员工', en: 'Add staff' },
  password: { zh: '初始密码（至少 8 位）', en: 'Initial password (8+ characters)' },
  adminOnly: { zh: '修改角色和新增员工需要管理员登录', en: 'Role changes and new staff need an admin login' },
} as const satisfies Record<string, Text>;

const ROLES = Object.keys(ROLE_NAMES);

/** Staff list (manager); role changes, (de)activation and new staff (admin: the API decides). */
export const staffPage: ConsolePage = {
  id: 'staff',
  title: T.title,
  async render(ctx) {
    const staff = ctx.data(await api<Staff[]>('/api/v1/staff'));
    if (!staff) return;
    const admin = ctx.me.role === 'admin';
    const patch = async (id: number, body: Record<string, unknown>) => {
      if (ctx.data(await api(`/api/v1/staff/${id}`, { method: 'PATCH', body }))) ctx.reload();
    };
    const roleCell = (s: Staff) =>
      admin
        ? h(
            'select',
            {
              'data-staff': s.username,
              onchange: (e: Event) => void patch(s.id, { role: (e.target as HTMLSelectElement).value }),
            },
            ...ROLES.map((r) => h('option', { value: r, selected: r === s.role }, tr(ROLE_NAMES[r]))),
          )
        : tr(ROLE_NAMES[s.role] ?? { zh: s.role, en: s.role });
    const activeCell = (s: Staff) =>
      admin
        ? h(
            'button',
            { type: 'button', onclick: () => void patch(s.id, { active: !s.active }) },
            tr(s.active ? C.active : C.inactive),
          )
        : tr(s.active ? C.active : C.inactive);
    ctx.root.append(
      dataTable(
        'staff-list',
        [
          { title: T.username, value: (s) => s.username },
          { title: T.name, value: (s) => s.displayName },
          { title: T.role, value: roleCell },
          { title: T.status, value: activeCell },
          { title: T.created, value: (s) => localTime(s.createdAt) },
        ],
        staff,
      ),
    );
    if (!admin) return void ctx.root.append(h('p', { class: 'muted' }, tr(T.adminOnly)));
    const form = h(
      'form',
      { class: 'inline-form', id: 'staff-add' },
      h('h2', {}, tr(T.add)),
      h('label', {}, tr(T.username), h('input', { name: 'username', required: true })),
      h('label', {}, tr(T.name), h('input', { name: 'displayName', required: true })),
      h(
        'label',
        {},
        tr(T.role),
        h('select', { name: 'role' }, ...ROLES.map((r) => h('option', { value: r }, tr(ROLE_NAMES[r])))),
      ),
      h('label', {}, tr(T.password), h('input', { name: 'password', type: 'password', required: true })),
      h('button', { type: 'submit', class: 'primary' }, tr(C.save)),
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const body = Object.fromEntries(new FormData(form)) as Record<string, string>;
      if (ctx.data(await api('/api/v1/staff', { body }))) ctx.reload();
    });
    ctx.root.append(form);
  },
};
