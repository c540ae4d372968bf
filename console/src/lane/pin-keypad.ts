import { h } from '../shared/dom.ts';
import { tr } from '../shared/i18n.ts';
import { T } from './lane-texts.ts';

const MAX_PIN = 16;

/**
 * The on-screen PIN keypad for stored value: the customer taps the digits (a keyboard's digits,
 * Backspace, Enter and Esc work too). Shows dots, never the digits; `note` is the previous try's
 * message (wrong PIN, attempts left). Resolves the PIN, or undefined when cancelled.
 */
export function pinKeypad(note?: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    let pin = '';
    const dots = h('output', { class: 'pin-dots', id: 'pin-dots', 'aria-live': 'polite' });
    const show = () => (dots.textContent = '•'.repeat(pin.length));
    const press = (key: string) => {
      if (/^\d$/.test(key) && pin.length < MAX_PIN) pin += key;
      else if (key === 'back') pin = pin.slice(0, -1);
      else if (key === 'clear') pin = '';
      show();
    };
    const key = (label: string, value: string, cls = '') =>
      h('button', { type: 'button', class: `pin-key ${cls}`, 'data-key': value, onclick: () => press(value) }, label);
    const ok = h('button', { type: 'submit', class: 'primary pin-ok', id: 'pin-ok' }, tr(T.pinOk));
    const cancel = h('button', { type: 'button', class: 'pin-cancel', id: 'pin-cancel' }, tr(T.pinCancel));
    const form = h(
      'form',
      { class: 'dialog pin-pad', role: 'dialog', 'aria-modal': 'true', 'aria-label': tr(T.pinTitle), tabindex: -1 },
      h('h2', {}, tr(T.pinTitle)),
      note ? h('p', { class: 'dialog-note pin-note', id: 'pin-note' }, note) : null,
      dots,
      h(
        'div',
        { class: 'pin-keys' },
        ...['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => key(d, d)),
        key(tr(T.pinClear), 'clear', 'pin-fn'),
        key('0', '0'),
        key(tr(T.pinBack), 'back', 'pin-fn'),
      ),
      h('div', { class: 'dialog-buttons' }, ok, cancel),
    );
    const backdrop = h('div', { class: 'backdrop' }, form);
    const close = (value: string | undefined) => {
      backdrop.remove();
      resolve(value);
    };
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (pin.length > 0) close(pin);
    });
    cancel.addEventListener('click', () => close(undefined));
    form.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') close(undefined);
      else if (e.key === 'Enter' && pin.length > 0) close(pin);
      else if (e.key === 'Backspace') press('back');
      else if (/^\d$/.test(e.key)) press(e.key);
      else if (e.key !== 'Enter') return;
      // handled here: a focused key button must not also take the keystroke (Enter would tap it again)
      e.preventDefault();
      e.stopPropagation();
    });
    document.body.append(backdrop);
    form.focus();
  });
}
