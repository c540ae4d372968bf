import type { StoreSettings } from '../../../../server/contracts/store/store-settings.schema.ts';
import { api } from '../../shared/api.ts';
import { h } from '../../shared/dom.ts';
import { tr, type Text } from '../../shared/i18n.ts';
import type { ConsolePage } from '../console-page.ts';
import { T as C } from '../console-texts.ts';
import { PRICING_DEFAULTS } from './settings-defaults.ts';

type Store = {
  id: string;
  nameZh: string;
  nameEn: string | null;
  timezone: string;
  version: string;
  settings: StoreSettings;
};

const T = {
  title: { zh: '门店设置', en: 'Store settings' },
  store: { zh: '门店', en: 'Store' },
  rounding: { zh: '抹零', en: 'Rounding of the amount due' },
  none: { zh: '不抹零', en: 'None' },
  dropFen: { zh: '抹去分（向下取整到角）', en: 'Drop the fen (down to the jiao)' },
  roundJiaoHalfUp: { zh: '四舍五入到角', en: 'To the nearest jiao (5 fen up)' },
  pointsRule: { zh: '积分抵现规则在会员规则中设置', en: 'Points as cash is set in the loyalty programme rules' },
  returnWindow: { zh: '退货期限（天）', en: 'Return window (days)' },
  address: { zh: '小票地址', en: 'Receipt address' },
  phone: { zh: '小票电话', en: 'Receipt phone' },
  footer: { zh: '小票页脚（每行一条，最多 5 行）', en: 'Receipt footer (one line each, up to 5)' },
  layouts: { zh: '电子秤条码格式（JSON，高级）', en: 'Label-scale barcode layouts (JSON, advanced)' },
  byDefault: { zh: '默认', en: 'default' },
  badJson: { zh: '电子秤条码格式不是有效的 JSON', en: 'The label-scale layouts are not valid JSON' },
} as const satisfies Record<string, Text>;

const ROUNDINGS = ['none', 'dropFen', 'roundJiaoHalfUp'] as const;

/** The store's business settings (manager): 抹零, return window, receipt header, scale layouts; audited by the box. */
export const settingsPage: ConsolePage = {
  id: 'settings',
  title: T.title,
  async render(ctx) {
    const store = ctx.data(await api<Store>('/api/v1/store'));
    if (!store) return;
    const s = store.settings;
    const rounding = s.rounding ?? PRICING_DEFAULTS.rounding;
    const field = (label: Text, input: HTMLElement) => h('label', {}, h('span', {}, tr(label)), input);
    const num = (name: string, value: number | undefined) =>
      h('input', {
        name,
        type: 'number',
        min: 0,
        step: 'any',
        value: value === undefined ? '' : String(value),
        placeholder: tr(T.byDefault),
      });
    const status = h('p', { id: 'settings-status', class: 'ok' });
    const form = h(
      'form',
      { id: 'settings-form', class: 'settings' },
      h(
        'p',
        { class: 'muted' },
        `${tr(T.store)} ${store.id} · ${store.nameZh} · ${store.timezone} · v${store.version}`,
      ),
      field(
        T.rounding,
        h(
          'select',
          { name: 'rounding' },
          ...ROUNDINGS.map((r) => h('option', { value: r, selected: rounding === r }, tr(T[r]))),
        ),
      ),
      h('p', { class: 'muted' }, tr(T.pointsRule)),
      field(T.returnWindow, num('returnWindowDays', s.returnWindowDays)),
      field(T.address, h('input', { name: 'address', value: s.receipt?.address ?? '' })),
      field(T.phone, h('input', { name: 'phone', value: s.receipt?.phone ?? '' })),
      field(T.footer, h('textarea', { name: 'footer', rows: 3 }, (s.receipt?.footer ?? []).join('\n'))),
      field(
        T.layouts,
        h(
          'textarea',
          { name: 'layouts', rows: 6, class: 'code' },
          JSON.stringify(s.variableMeasureLayouts ?? [], null, 2),
        ),
      ),
      h('button', { type: 'submit', class: 'primary' }, tr(C.save)),
      status,
    );
    const initial = new Map(new FormData(form) as unknown as Iterable<[string, string]>);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      status.textContent = '';
      const v = Object.fromEntries(new FormData(form)) as Record<string, string>;
      const changed = (...names: string[]) => names.some((n) => initial.get(n) !== v[n]);
      // only what the manager changed is sent: untouched defaults stay defaults (and out of the audit log)
      const body: StoreSettings = {};
      const int = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text) : Number.NaN);
      if (changed('rounding')) body.rounding = v.rounding as typeof rounding;
      if (changed('returnWindowDays') && v.returnWindowDays.trim() !== '')
        body.returnWindowDays = int(v.returnWindowDays);
      if (changed('address', 'phone', 'footer'))
        body.receipt = {
          address: v.address,
          phone: v.phone,
          footer: v.footer
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean),
        };
      if (changed('layouts')) {
        try {
          body.variableMeasureLayouts = JSON.parse(v.layouts);
        } catch {
          return ctx.showError({ code: 'BAD_JSON', message: tr(T.badJson) });
        }
      }
      if (Object.keys(body).length > 0 && !ctx.data(await api('/api/v1/store/settings', { method: 'PUT', body })))
        return;
      ctx.clearError();
      status.textContent = tr(C.saved);
    });
    ctx.root.append(form);
  },
};
