import { api } from '../../shared/api.ts';
import { promptDialog } from '../../shared/dialog.ts';
import { h } from '../../shared/dom.ts';
import { tr, type Text } from '../../shared/i18n.ts';
import type { ConsolePage } from '../console-page.ts';
import { dataTable, localTime } from '../data-table.ts';

type Device = {
  id: string;
  kind: string;
  name: string;
  capabilities: string[];
  status: string;
  laneId: string | null;
  laneHint?: string | null;
  address: string | null;
  online: boolean;
  lastSeenAt: string | null;
};

const T = {
  title: { zh: '设备', en: 'Devices' },
  name: { zh: '名称', en: 'Name' },
  kind: { zh: '类型', en: 'Kind' },
  lane: { zh: '收银台', en: 'Lane' },
  status: { zh: '状态', en: 'Status' },
  online: { zh: '在线', en: 'Online' },
  offline: { zh: '离线', en: 'Offline' },
  lastSeen: { zh: '最后在线', en: 'Last seen' },
  approve: { zh: '批准', en: 'Approve' },
  revoke: { zh: '吊销', en: 'Revoke' },
  pairingCode: { zh: '设备上显示的配对码', en: 'Pairing code shown on the device' },
  laneId: { zh: '分配到收银台（可空）', en: 'Assign to lane (optional)' },
} as const satisfies Record<string, Text>;

/** Paired and waiting devices with live presence (/ws/events); approve with the pairing code, revoke (manager). */
export const devicesPage: ConsolePage = {
  id: 'devices',
  title: T.title,
  async render(ctx) {
    const devices = ctx.data(await api<Device[]>('/api/v1/devices'));
    if (!devices) return;
    ctx.onEvent('device.presence', () => ctx.reload());
    const approve = async (d: Device) => {
      const v = await promptDialog(T.approve, [
        { name: 'code', label: T.pairingCode, inputmode: 'numeric' },
        { name: 'laneId', label: T.laneId, value: d.laneHint ?? '' },
      ]);
      if (!v) return;
      if (
        ctx.data(
          await api(`/api/v1/devices/${encodeURIComponent(d.id)}/approve`, {
            body: { code: v.code, ...(v.laneId ? { laneId: v.laneId } : {}) },
          }),
        )
      )
        ctx.reload();
    };
    const revoke = async (d: Device) => {
      if (ctx.data(await api(`/api/v1/devices/${encodeURIComponent(d.id)}/revoke`, { method: 'POST', body: {} })))
        ctx.reload();
    };
    ctx.root.append(
      dataTable(
        'devices-list',
        [
          { title: T.name, value: (d) => d.name },
          { title: T.kind, value: (d) => `${d.kind} (${d.capabilities.join(', ')})` },
          { title: T.lane, value: (d) => d.laneId ?? d.laneHint ?? '' },
          { title: T.status, value: (d) => d.status },
          {
            title: T.online,
            value: (d) => h('span', { class: d.online ? 'ok' : 'muted' }, tr(d.online ? T.online : T.offline)),
          },
          { title: T.lastSeen, value: (d) => localTime(d.lastSeenAt) },
          {
            title: T.status,
            value: (d) =>
              d.status === 'pending'
                ? h('button', { type: 'button', onclick: () => void approve(d) }, tr(T.approve))
                : d.status === 'approved'
                  ? h('button', { type: 'button', onclick: () => void revoke(d) }, tr(T.revoke))
                  : '',
          },
        ],
        devices,
      ),
    );
  },
};
