import { randomUUID } from 'node:crypto';
import { channelOfAuthCode, checkNewTender, isSettled, type QrTender } from '../../../core/payments/index.ts';
import { err, ok, type Result } from '../../../core/result.ts';
import * as carts from '../../../core/sale/cart.ts';
import { SaleRefused } from '../../loyalty/sale-refused.ts';
import { paymentView } from '../../payments/payment-view.ts';
import { completeSale, replaySale, type CompletedSale } from '../complete-sale.ts';
import { cartOnly, type LaneHandlers, type LaneInterrupts } from './lane-handler.ts';

/** Paying: cash, card slip, 付款码 (QR), stored value; cancelling a QR payment; completing the sale. */
export const tenderHandlers = {
  'cart.tenderCash': (desk, who, payload) => {
    const cart = desk.current(who);
    return cart.tenders.every(isSettled)
      ? cartOnly(carts.addCashTender(cart, payload.amountFen))
      : err('PAYMENT_IN_PROGRESS', 'cart');
  },

  'cart.tenderCard': (desk, who, payload) => {
    const cart = desk.current(who);
    const amount = checkNewTender(desk.priceOf(cart).priced.totals.dueFen, cart.tenders, 'card', payload.amountFen);
    if (!amount.ok) return amount;
    return cartOnly(
      carts.addTender(cart, {
        kind: 'card',
        amountFen: amount.value,
        reference: payload.reference,
        authCode: payload.authCode,
      }),
    );
  },

  /**
   * 付款码: the channel comes from the code's prefix; the amount is what remains unless given.
   * The reply comes when the channel decides (or the lane's deadline passes and the payment is
   * cancelled). A retry with the same transaction id answers the first payment, never a second.
   */
  'cart.tenderQr': async (desk, who, payload, transaction) => {
    const payments = desk.deps.payments;
    if (!payments) return err('PAYMENT_CHANNEL_NOT_CONFIGURED', 'authCode', { channel: 'QR' });
    const cart = desk.current(who);
    const tx = transaction ?? randomUUID();
    const earlier = payments.forTransaction(who.laneId, tx);
    if (!earlier) {
      if (cart.items.length === 0) return err('CART_EMPTY', 'cart');
      const channel = channelOfAuthCode(payload.authCode);
      if (!channel) return err('PAYMENT_CODE_UNRECOGNISED', 'authCode');
      const amount = checkNewTender(desk.priceOf(cart).priced.totals.dueFen, cart.tenders, channel, payload.amountFen);
      if (!amount.ok) return amount;
      const paid = await payments.pay({
        laneId: who.laneId,
        cartId: cart.id,
        cashier: who.cashier,
        transaction: tx,
        authCode: payload.authCode,
        amountFen: amount.value,
      });
      if (!paid.ok) return paid;
      return desk.applyPayment(desk.current(who), paid.value);
    }
    const first = await payments.pay({
      laneId: who.laneId,
      cartId: cart.id,
      cashier: who.cashier,
      transaction: tx,
      authCode: payload.authCode,
      amountFen: earlier.amountFen,
    });
    return first.ok ? desk.applyPayment(desk.current(who), first.value) : first;
  },

  /** The stored-value PIN is checked (wrong tries counted); the pay entry is written at commit. */
  'cart.tenderStoredValue': async (desk, who, payload) => {
    const cart = desk.current(who);
    if (!cart.memberId) return err('MEMBER_REQUIRED', 'pin');
    if (!desk.deps.members.checkPin) return err('STORED_VALUE_NO_ACCOUNT', 'memberId');
    const pin = await desk.deps.members.checkPin(cart.memberId, payload.pin);
    if (!pin.ok) return pin;
    const due = desk.priceOf(cart).priced.totals.dueFen - cart.tenders.reduce((s, t) => s + t.amountFen, 0);
    const amountFen = Math.min(payload.amountFen ?? due, due, pin.value.availableFen);
    if (amountFen <= 0) return err('LOYALTY_INSUFFICIENT_BALANCE', 'amountFen', { available: pin.value.availableFen });
    // the pay entry is written at commit, inside the sale transaction, against the ledger
    return cartOnly(carts.addTender(cart, { kind: 'stored_value', amountFen, reference: cart.memberId }));
  },

  /** Cancels (or, if it went through, keeps) the cart's payment whose result is unknown. */
  'cart.cancelPayment': async (desk, who, payload) => {
    const cart = desk.current(who);
    const open = cart.tenders.find(
      (t): t is QrTender =>
        'paymentId' in t &&
        t.status === 'unknown' &&
        (payload.paymentId === undefined || t.paymentId === payload.paymentId),
    );
    if (!open || !desk.deps.payments) return err('PAYMENT_NOTHING_TO_CANCEL', 'paymentId');
    const decided = await desk.deps.payments.resolve(open.paymentId);
    return decided.ok ? desk.applyPayment(desk.current(who), decided.value) : decided;
  },

  'cart.complete': (desk, who, payload) => {
    // a retry after the box committed but the reply was lost: answer the first result
    const replay = replaySale(
      desk.deps.ctx,
      desk.deps.stores,
      who.laneId,
      payload.saleId,
      payload.expectedDueFen,
      desk.cartOf(who.laneId),
    );
    if (replay) return replay.ok ? ok({ extra: { sale: replay.value } }) : replay;
    const cart = desk.cartOf(who.laneId);
    if (!cart || cart.items.length === 0) return err('CART_EMPTY', 'cart');
    const priced = desk.priceOf(cart);
    const done: Result<CompletedSale> = refusedAsError(() =>
      completeSale(desk.deps.ctx, desk.deps.stores, {
        saleId: payload.saleId,
        expectedDueFen: payload.expectedDueFen,
        cart,
        lines: priced.lines,
        priced: priced.priced,
        promotionNames: desk.deps.pricing.promotionNames(),
      }),
    );
    if (!done.ok) return done;
    desk.lanePricing.forget(cart.id);
    return ok({ cart: desk.newCart(who), extra: { sale: done.value } });
  },
} satisfies Partial<LaneHandlers>;

/** A cancel must not queue behind the cart.tenderQr that is waiting for the customer. */
export const tenderInterrupts = {
  'cart.cancelPayment': (desk, who) => {
    const cancelling = desk.deps.payments?.requestCancel(who.laneId);
    return cancelling ? ok({ extra: { payment: paymentView(cancelling), cancelling: true } }) : undefined;
  },
} satisfies LaneInterrupts;

/** A sale effect may refuse the sale inside its transaction (points spent on another lane meanwhile): an answer, not a crash. */
function refusedAsError(run: () => Result<CompletedSale>): Result<CompletedSale> {
  try {
    return run();
  } catch (e) {
    if (e instanceof SaleRefused) return err(e.code, e.field, e.params);
    throw e;
  }
}
