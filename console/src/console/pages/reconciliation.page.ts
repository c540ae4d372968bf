import { formatYuan } from '../../../../server/core/money/index.ts';
import { api } from '../../shared/api.ts';
import { promptDialog } from '../../shared/dialog.ts';
import { h } from '../../shared/dom.ts';
import { tr, type Text } from '../../shared/i18n.ts';
import type { ConsolePage } from '../console-page.ts';
import { TENDER_NAMES } from '../console-texts.ts';
import { dataTable, localTime } from '../data-table.ts';

type Anomaly = {
  id: string;
  businessDate: string;
  channel: string;
  kind: string;
  status: string;
  expectedFen?: number;
  statementFen: number;
  lastSeenAt: string;
};

const T = {
  title: { zh: '对账异常', en: 'Reconciliation anomalies' },
  date: { zh: '营业日', en: 'Date' },
  channel: { zh: '渠道', en: 'Channel' },
  kind: { zh: '异常', en: 'Anomaly' },
  expected: { zh: '系统金额', en: 'Expected' },
  statement: { zh: '账单金额', en: 'Statement' },
  seen: { zh: '发现时间', en: 'Seen' },
  resolve: { zh: '处理', en: 'Resolve' },
  action: { zh: '处理方式', en: 'Action' },
  note: { zh: '备注（必填）', en: 'Note (required)' },
  saleId: { zh: '关联销售单号（关联时填写）', en: 'Sale id (to attach)' },
  actions: {
    zh: '可选：accept 核销 / mark_settled_late 延迟到账 / attach_to_sale 关联销售 / refund_orphan 退款',
    en: 'accept / mark_settled_late / attach_to_sale / refund_orphan',
  },
} as const satisfies Record<string, Text>;

// server/core/reconciliation/anomaly.ts AnomalyKind
const KINDS: Readonly<Record<string, Text>> = {
  paid_without_order: { zh: '支付成功但未出单', en: 'Paid, no order' },
  order_without_payment: { zh: '有订单无支付', en: 'Order, no payment' },
  amount_mismatch: { zh: '金额不符', en: 'Amount mismatch' },
  duplicate_payment: { zh: '重复支付', en: 'Duplicate payment' },
  refund_mismatch: { zh: '退款不符', en: 'Refund mismatch' },
  late_settlement: { zh: '延迟到账', en: 'Late settlement' },
};

/** Open anomalies from the channel statements; a manager resolves each with an action and a note (audited). */
export const reconciliationPage: ConsolePage = {
  id: 'reconciliation',
  title: T.title,
  async render(ctx) {
    const anomalies = ctx.data(await api<Anomaly[]>('/api/v1/reconciliation/anomalies?status=open'));
    if (!anomalies) return;
    const resolve = async (a: Anomaly) => {
      const v = await promptDialog(
        T.resolve,
        [
          { name: 'action', label: T.action, value: 'accept' },
          { name: 'note', label: T.note },
          { name: 'saleId', label: T.saleId },
        ],
        tr(T.actions),
      );
      if (!v) return;
      const body = { action: v.action, note: v.note, ...(v.saleId ? { saleId: v.saleId } : {}) };
      if (ctx.data(await api(`/api/v1/reconciliation/anomalies/${encodeURIComponent(a.id)}/resolve`, { body })))
        ctx.reload();
    };
    ctx.root.append(
      dataTable(
        'anomalies-list',
        [
          { title: T.date, value: (a) => a.businessDate },
          { title: T.channel, value: (a) => tr(TENDER_NAMES[a.channel] ?? { zh: a.channel, en: a.channel }) },
          { title: T.kind, value: (a) => tr(KINDS[a.kind] ?? { zh: a.kind, en: a.kind }) },
          {
            title: T.expected,
            value: (a) => (a.expectedFen === undefined ? '' : formatYuan(a.expectedFen)),
            num: true,
          },
          { title: T.statement, value: (a) => formatYuan(a.statementFen), num: true },
          { title: T.seen, value: (a) => localTime(a.lastSeenAt) },
          {
            title: T.resolve,
            value: (a) => h('button', { type: 'button', onclick: () => void resolve(a) }, tr(T.resolve)),
          },
        ],
        anomalies,
      ),
    );
  },
};
