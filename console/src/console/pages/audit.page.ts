import { api } from '../../shared/api.ts';
import { fill, h } from '../../shared/dom.ts';
import { tr, type Text } from '../../shared/i18n.ts';
import type { ConsolePage } from '../console-page.ts';
import { T as C } from '../console-texts.ts';
import { dataTable, localTime } from '../data-table.ts';

type AuditRow = { seq: number; at: string; actor: string; action: string; subject: string; detail: unknown };
type Verdict = { ok: true; rows: number } | { ok: false; rows: number; firstBadSeq: number; reason: string };

const T = {
  title: { zh: '审计日志', en: 'Audit log' },
  verify: { zh: '校验哈希链', en: 'Verify the hash chain' },
  intact: { zh: '完整：{rows} 条记录，哈希链无断点', en: 'Intact: {rows} rows, the hash chain holds' },
  broken: { zh: '第 {seq} 条起被改动或删除：{reason}', en: 'Edited or removed from row {seq}: {reason}' },
  seq: { zh: '序号', en: '#' },
  at: { zh: '时间', en: 'Time' },
  actor: { zh: '操作人', en: 'Actor' },
  action: { zh: '操作', en: 'Action' },
  subject: { zh: '对象', en: 'Subject' },
  detail: { zh: '详情', en: 'Detail' },
  older: { zh: '更早', en: 'Older' },
} as const satisfies Record<string, Text>;

const PAGE = 100;

/** The hash-chained audit log, newest first, 100 at a time; "verify" walks the whole chain on the box. */
export const auditPage: ConsolePage = {
  id: 'audit',
  title: T.title,
  async render(ctx) {
    const verdict = h('p', { id: 'audit-verdict' });
    const list = h('div', {});
    let before: number | undefined;
    const load = async () => {
      const rows = ctx.data(await api<AuditRow[]>(`/api/v1/audit?limit=${PAGE}${before ? `&before=${before}` : ''}`));
      if (!rows) return;
      const older = () => {
        before = rows.at(-1)!.seq;
        void load();
      };
      fill(
        list,
        dataTable(
          'audit-list',
          [
            { title: T.seq, value: (r) => r.seq, num: true },
            { title: T.at, value: (r) => localTime(r.at) },
            { title: T.actor, value: (r) => r.actor },
            { title: T.action, value: (r) => h('code', {}, r.action) },
            { title: T.subject, value: (r) => r.subject },
            { title: T.detail, value: (r) => h('code', { class: 'detail' }, JSON.stringify(r.detail)) },
          ],
          rows,
        ),
        rows.length === PAGE ? h('button', { type: 'button', onclick: older }, tr(T.older)) : null,
      );
    };
    const verify = async () => {
      const v = ctx.data(await api<Verdict>('/api/v1/audit/verify'));
      if (!v) return;
      verdict.className = v.ok ? 'ok' : 'error';
      verdict.textContent = v.ok
        ? tr(T.intact, { rows: v.rows })
        : tr(T.broken, { seq: v.firstBadSeq, reason: v.reason });
    };
    const newest = () => {
      before = undefined;
      void load();
    };
    ctx.root.append(
      h(
        'div',
        { class: 'toolbar' },
        h('button', { type: 'button', id: 'audit-verify', onclick: () => void verify() }, tr(T.verify)),
        h('button', { type: 'button', onclick: newest }, tr(C.refresh)),
      ),
      verdict,
      list,
    );
    await load();
  },
};
