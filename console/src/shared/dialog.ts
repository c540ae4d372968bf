import { h } from './dom.ts';
import { tr, type Text } from './i18n.ts';

export type DialogField = {
  name: string;
  label: Text;
  type?: 'text' | 'password' | 'number';
  value?: string;
  inputmode?: 'numeric' | 'decimal' | 'text';
};

const CONFIRM: Text = { zh: '确定 (Enter)', en: 'OK (Enter)' };
const CANCEL: Text = { zh: '取消 (Esc)', en: 'Cancel (Esc)' };

/**
 * A modal form: resolves with the field values on Enter / OK, undefined on Esc / Cancel. One at a
 * time; the caller puts the focus back where it belongs (the lane's scan box).
 */
export function promptDialog(
  title: Text,
  fields: readonly DialogField[],
  note?: string,
): Promise<Record<string, string> | undefined> {
  return new Promise((resolve) => {
    const inputs = fields.map((f) =>
      h('input', {
        name: f.name,
        type: f.type === 'password' ? 'password' : 'text',
        value: f.value ?? '',
        inputmode: f.inputmode ?? (f.type === 'number' ? 'decimal' : 'text'),
        autocomplete: 'off',
        'data-field': f.name,
      }),
    );
    const form = h(
      'form',
      { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-label': tr(title) },
      h('h2', {}, tr(title)),
      note ? h('p', { class: 'dialog-note' }, note) : null,
      ...fields.map((f, i) => h('label', {}, h('span', {}, tr(f.label)), inputs[i])),
      h(
        'div',
        { class: 'dialog-buttons' },
        h('button', { type: 'submit', class: 'primary' }, tr(CONFIRM)),
        h('button', { type: 'button', 'data-cancel': '' }, tr(CANCEL)),
      ),
    );
    const backdrop = h('div', { class: 'backdrop' }, form);
    const close = (values: Record<string, string> | undefined) => {
      backdrop.remove();
      resolve(values);
    };
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      close(Object.fromEntries(fields.map((f, i) => [f.name, inputs[i].value.trim()])));
    });
    form.querySelector('[data-cancel]')!.addEventListener('click', () => close(undefined));
    form.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        close(undefined);
      }
    });
    document.body.append(backdrop);
    inputs[0]?.focus();
    inputs[0]?.select();
  });
}

/** Whether a modal is open (the lane's shortcuts and focus keeper step aside). */
export function dialogOpen(): boolean {
  return document.querySelector('.backdrop') !== null;
}
