import type { CartView, LaneMember } from '../../../server/contracts/lane/lane-replies.ts';
import { formatYuan } from '../../../server/core/money/index.ts';
import { fill, h } from '../shared/dom.ts';
import { locale, tr, type Text } from '../shared/i18n.ts';
import { reasonText } from '../shared/error-text.ts';
import { T } from './lane-texts.ts';
import { TENDER_KINDS, hasUnknownPayment } from './tender-panel.ts';

/** The member the lane shows beside the cart (cart.identifyMember's reply, phone masked). */
export type MemberShown = LaneMember;

const pick = (label: { zh: string; en: string }) => (locale() === 'en' ? label.en : label.zh);

function row(label: Text, value: string, cls = ''): HTMLElement {
  return h('div', { class: `sum-row ${cls}` }, h('span', {}, tr(label)), h('span', { class: 'num' }, value));
}

/**
 * The right-hand summary: totals, promotions with their explanations, points, tenders, change (the
 * member and the coupons are the member panel's, the remaining amount the tender panel's).
 */
export function renderSummary(panel: HTMLElement, cart: CartView | null): void {
  if (!cart) return fill(panel);
  const points = cart.pointsRedeemed;
  fill(
    panel,
    row(T.gross, formatYuan(cart.totals.grossFen), 'gross'),
    row(T.discount, formatYuan(-cart.totals.discountFen), 'discount'),
    cart.rounding ? row(T.rounding, formatYuan(-cart.rounding.amountFen), 'rounding') : null,
    h(
      'div',
      { class: 'due-box' },
      h(
        'span',
        {},
        h('span', { class: 'due-label' }, tr(T.due)),
        cart.totaled ? h('span', { class: 'tag' }, tr(T.totaled)) : null,
      ),
      h('strong', { id: 'due', class: 'num' }, cart.display.due),
    ),
    cart.promotions.length > 0
      ? h(
          'section',
          { class: 'promotions' },
          h('h3', {}, tr(T.promotions)),
          h('ul', {}, ...cart.promotions.map((p) => h('li', { class: 'promotion' }, pick(p.text)))),
        )
      : null,
    points
      ? h(
          'p',
          { class: 'points' },
          'rejected' in points ? reasonText(points.rejected, points.params) : pick(points.explanation),
        )
      : null,
    cart.tenders.length > 0
      ? h(
          'ul',
          { class: 'tenders' },
          ...cart.tenders.map((t) =>
            h(
              'li',
              {},
              h('span', {}, tr(TENDER_KINDS[t.kind] ?? { zh: t.kind, en: t.kind })),
              h('span', { class: 'num' }, formatYuan(t.amountFen)),
            ),
          ),
        )
      : null,
    cart.tenders.length > 0 ? row(T.tendered, cart.display.tendered, 'tendered') : null,
    cart.tenders.length > 0 && cart.remainingFen > 0
      ? row(T.remaining, formatYuan(cart.remainingFen), 'remaining')
      : null,
    cart.tenders.length > 0 && cart.remainingFen === 0 && !hasUnknownPayment(cart)
      ? h(
          'div',
          { class: 'change-box' },
          h('span', {}, tr(T.change)),
          h('strong', { id: 'change', class: 'num' }, cart.display.change),
        )
      : null,
  );
}
