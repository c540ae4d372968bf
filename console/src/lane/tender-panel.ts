import type { CartView, LanePayment } from '../../../server/contracts/lane/lane-replies.ts';
import { formatYuan, parseYuan } from '../../../server/core/money/index.ts';
import { channelOfAuthCode, type QrChannel } from '../../../server/core/payments/qr-channel.ts';
import { promptDialog } from '../shared/dialog.ts';
import { byId, fill, h } from '../shared/dom.ts';
import { errorText } from '../shared/error-text.ts';
import { tr, type Text } from '../shared/i18n.ts';
import type { LaneContext } from './lane-context.ts';
import { T } from './lane-texts.ts';
import { pinKeypad } from './pin-keypad.ts';

/** The tender kinds in words (cart-summary's tender list and this panel's messages). */
export const TENDER_KINDS: Readonly<Record<string, Text>> = {
  cash: T.cash,
  card: T.card,
  alipay: { zh: '支付宝', en: 'Alipay' },
  wechat: { zh: '微信支付', en: 'WeChat Pay' },
  unionpay: { zh: '云闪付', en: 'UnionPay' },
  stored_value: T.storedValue,
  points: T.points,
  coupon: T.coupons,
};

const kindText = (kind: string) => tr(TENDER_KINDS[kind] ?? { zh: kind, en: kind });

/** A 付款码 is 16–24 digits (an item barcode is at most 14): scanned while the cart has items, it pays. */
export function looksLikePaymentCode(text: string): boolean {
  return /^\d{16,24}$/.test(text);
}

type UnknownTender = Extract<CartView['tenders'][number], { paymentId: string }>;

function unknownTender(cart: CartView | null): UnknownTender | undefined {
  return cart?.tenders.find((t): t is UnknownTender => 'paymentId' in t && t.status === 'unknown');
}

/** Whether the cart holds a QR payment whose result is unknown: not paid yet, and the box will not complete. */
export function hasUnknownPayment(cart: CartView | null): boolean {
  return unknownTender(cart) !== undefined;
}

/**
 * The tender panel (right-hand side, under the summary): the remaining amount in large type, always
 * on screen; cash, card (the terminal's reference and auth code), 扫码付 (a payment code scanned into
 * the scan box pays by its prefix, with a waiting state and a cancel), stored value with the PIN
 * keypad, points; an `unknown` QR payment is shown and decided here (query, then cancel) without
 * leaving the sale. Any mix splits the amount; only cash gives change (the box refuses the rest).
 */
export class TenderPanel {
  private readonly ctx: LaneContext;
  private waiting: { channel: QrChannel | undefined; amountFen: number } | undefined;
  private cancelling = false;

  constructor(ctx: LaneContext) {
    this.ctx = ctx;
  }

  /** Whether a QR payment is waiting for the channel (the scan box then takes no codes). */
  get busy(): boolean {
    return this.waiting !== undefined;
  }

  render(cart: CartView | null): void {
    const remaining = cart ? Math.max(0, cart.remainingFen) : 0;
    const unknown = unknownTender(cart);
    const paid = !!cart && cart.lines.length > 0 && cart.tenders.length > 0 && cart.remainingFen === 0 && !unknown;
    byId('remaining').textContent = formatYuan(
      unknown ? remaining + unknown.amountFen : cart && cart.tenders.length === 0 ? cart.totals.dueFen : remaining,
    );
    byId('remaining-label').textContent = tr(paid ? T.paidInFull : unknown ? T.toBeDecided : T.remainingBig);
    byId('remaining-box').classList.toggle('paid', paid);
    const status = byId('qr-status');
    if (this.waiting) {
      const channel = this.waiting.channel ? kindText(this.waiting.channel) : tr(T.qr);
      fill(
        status,
        h(
          'div',
          { class: 'qr-waiting', id: 'qr-waiting', role: 'status' },
          h('strong', {}, tr(T.qrWaiting, { channel, amount: formatYuan(this.waiting.amountFen) })),
          h('span', { class: 'spinner', 'aria-hidden': 'true' }),
          h('span', { class: 'muted' }, tr(this.cancelling ? T.qrCancelling : T.qrWaitingHint)),
          h(
            'button',
            {
              type: 'button',
              id: 'qr-cancel',
              class: 'danger',
              disabled: this.cancelling,
              onclick: () => this.cancel(),
            },
            tr(T.qrCancel),
          ),
        ),
      );
    } else if (unknown) {
      fill(
        status,
        h(
          'div',
          { class: 'qr-unknown', id: 'qr-unknown', role: 'alert' },
          h('strong', {}, tr(T.qrUnknown, { channel: kindText(unknown.kind), amount: formatYuan(unknown.amountFen) })),
          h(
            'button',
            { type: 'button', id: 'qr-decide', class: 'primary', onclick: () => void this.decide(unknown.paymentId) },
            tr(T.qrDecide),
          ),
        ),
      );
    } else fill(status);
  }

  // ---- the verbs (buttons with data-action, and the keys in main.ts) ------------------------------

  async cash(): Promise<void> {
    const cart = this.ctx.cart();
    if (!cart || cart.lines.length === 0) return;
    const suggested = cart.remainingFen > 0 ? cart.remainingFen : cart.totals.dueFen;
    const values = await promptDialog(T.cash, [
      { name: 'amount', label: T.cashAmount, value: (suggested / 100).toFixed(2), inputmode: 'decimal' },
    ]);
    this.ctx.focusScan();
    if (!values || values.amount === '') return;
    const amountFen = parseYuan(values.amount);
    if (amountFen === undefined || amountFen <= 0) return this.ctx.showError(tr(T.badAmount));
    await this.ctx.send('cart.tenderCash', { amountFen });
  }

  async card(): Promise<void> {
    const cart = this.ctx.cart();
    if (!cart || cart.lines.length === 0) return;
    const values = await promptDialog(
      T.cardTitle,
      [
        { name: 'amount', label: T.cardAmount, value: (cart.remainingFen / 100).toFixed(2), inputmode: 'decimal' },
        { name: 'reference', label: T.cardReference, inputmode: 'numeric' },
        { name: 'authCode', label: T.cardAuthCode },
      ],
      tr(T.changeOnlyCash),
    );
    this.ctx.focusScan();
    if (!values) return;
    const amountFen = parseYuan(values.amount);
    if (amountFen === undefined || amountFen <= 0) return this.ctx.showError(tr(T.badAmount));
    await this.ctx.send('cart.tenderCard', { amountFen, reference: values.reference, authCode: values.authCode });
  }

  /** 扫码付: the scan box takes the customer's code next (a scanner types it there anyway). */
  qr(): void {
    this.ctx.showInfo(tr(T.qrHint));
    this.ctx.focusScan();
  }

  /** A payment code from the scan box: paid by its prefix; the reply comes when the channel decides. */
  async payCode(authCode: string): Promise<void> {
    const cart = this.ctx.cart();
    if (!cart || this.waiting) return;
    this.waiting = { channel: channelOfAuthCode(authCode), amountFen: cart.remainingFen };
    this.cancelling = false;
    this.ctx.render();
    try {
      const reply = await this.ctx.send('cart.tenderQr', { authCode });
      if (reply.ok) this.paidInfo(reply.data.payment);
      // the cancel the cashier asked for is news, not an error
      else if (this.cancelling && reply.error.code === 'PAYMENT_CANCELLED') this.ctx.showInfo(errorText(reply.error));
    } finally {
      this.waiting = undefined;
      this.cancelling = false;
      this.ctx.render();
    }
  }

  /** The cashier cancels the payment in flight: answered at once; the waiting tenderQr then ends. */
  private async cancel(): Promise<void> {
    if (!this.waiting || this.cancelling) return;
    this.cancelling = true;
    this.ctx.render();
    await this.ctx.send('cart.cancelPayment');
  }

  /** Decides an `unknown` payment: the box queries the channel, keeps it if paid, else cancels it. */
  async decide(paymentId?: string): Promise<void> {
    const reply = await this.ctx.send('cart.cancelPayment', paymentId ? { paymentId } : {});
    // not paid at the channel, so cancelled there: the sale goes on without it
    if (!reply.ok && reply.error.code === 'PAYMENT_CANCELLED') return this.ctx.showInfo(errorText(reply.error));
    if (!reply.ok) return;
    if (reply.data.payment.status === 'succeeded') this.paidInfo(reply.data.payment);
    else this.ctx.showInfo(tr(T.qrCancelled));
  }

  async storedValue(): Promise<void> {
    const cart = this.ctx.cart();
    if (!cart || cart.lines.length === 0) return;
    if (!this.ctx.member()) return this.ctx.showError(tr(T.storedValueNeedsMember));
    let note: string | undefined;
    for (;;) {
      const pin = await pinKeypad(note);
      this.ctx.focusScan();
      if (!pin) return;
      const reply = await this.ctx.send('cart.tenderStoredValue', { pin });
      if (reply.ok) {
        const tender = reply.data.cart?.tenders.findLast((t) => t.kind === 'stored_value');
        return this.ctx.showInfo(tr(T.storedValuePaid, { amount: formatYuan(tender?.amountFen ?? 0) }));
      }
      // a wrong PIN: the keypad again with the attempts left; a lockout is shown and ends it
      if (reply.error.code !== 'LOYALTY_PIN_WRONG') return;
      note = errorText(reply.error);
    }
  }

  async points(): Promise<void> {
    const values = await promptDialog(T.points, [{ name: 'points', label: T.pointsToRedeem, inputmode: 'numeric' }]);
    this.ctx.focusScan();
    const text = values?.points;
    if (text === undefined || text === '') return;
    if (!/^\d+$/.test(text)) return this.ctx.showError(tr(T.badNumber));
    await this.ctx.send('cart.redeemPoints', { points: Number(text) });
  }

  private paidInfo(payment: LanePayment): void {
    this.ctx.showInfo(tr(T.qrPaid, { channel: kindText(payment.channel), amount: formatYuan(payment.amountFen) }));
  }
}
