import type { CartLine } from '../../contracts/pricing/pricing-request.schema.ts';
import type { PricedCart } from '../../core/pricing/index.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Cart, Tender } from '../../core/sale/cart.ts';
import { checkCompletion, TENDER_LABELS } from '../../core/payments/index.ts';
import { buildReceipt } from '../../core/sale/sale-receipt.ts';
import type { Receipt } from '../../core/sale/receipt.ts';
import type { StoreSettings } from '../../contracts/store/store-settings.schema.ts';
import type { Outbox } from '../ports/outbox.port.ts';
import type { SaleRecord, SaleStore } from '../ports/sale-store.port.ts';
import type { Secrets } from '../ports/secrets.port.ts';
import type { StoreContext } from '../store-context.ts';
import { storeLocalTime } from '../store-time.ts';
import { labelOf, type Label } from './cart-view.ts';

export type CompletedSale = {
  saleId: string;
  receiptNo: string;
  dueFen: number;
  tenderedFen: number;
  changeFen: number;
  receipt: unknown;
  replayed: boolean;
};

export type CompleteSaleInput = {
  saleId: string;
  expectedDueFen: number;
  cart: Cart;
  lines: readonly CartLine[];
  priced: PricedCart;
  promotionNames: ReadonlyMap<string, Label>;
};

export type SaleEffectInput = {
  sale: SaleRecord;
  cart: Cart;
  lines: readonly CartLine[];
  priced: PricedCart;
  local: ReturnType<typeof storeLocalTime>;
};
/**
 * Something a completed sale causes in the same transaction (points earned, coupons redeemed and
 * issued, tier upgrade, stored value paid...). Throwing rolls the whole sale back.
 */
export type SaleEffect = {
  readonly name: string;
  /** `receiptMember`: the member block the receipt prints (masked phone, points earned, balance after the sale) */
  apply(input: SaleEffectInput): { pointsEarned?: number; receiptMember?: Receipt['member'] } | void;
};

export type SaleStores = { sales: SaleStore; outbox: Outbox; effects?: readonly SaleEffect[] };

/** The tender row's reference: the card terminal's, the channel's transaction id, or the loyalty ledger entry. */
function tenderReference(t: Tender): string | null {
  if (t.kind === 'cash') return null;
  if ('reference' in t) return t.reference;
  return t.channelTxnId ?? null;
}

/** The store setting `receipt` (address, phone, footer), validated on the way in (store-settings.schema.ts). */
function receiptSettings(settings: Record<string, unknown>): StoreSettings['receipt'] & object {
  return (settings.receipt as StoreSettings['receipt']) ?? {};
}

/**
 * What a completion covers: the request and the cart it sells (the cart's id, its lines with their
 * measures and overrides, member, coupons, points and tenders). Stored as the sale's content hash.
 */
function contentHash(secrets: Secrets, laneId: string, saleId: string, expectedDueFen: number, cart: Cart): string {
  const content = {
    cartId: cart.id,
    items: cart.items.map((i) => [i.lineId, i.product.sku, i.measure, i.unitPriceOverrideFen ?? null]),
    memberId: cart.memberId ?? null,
    couponCodes: cart.couponCodes,
    pointsRequested: cart.pointsRequested ?? null,
    tenders: cart.tenders.map((t) => [t.kind, t.amountFen, t.id ?? null]),
  };
  return secrets.sha256Hex(JSON.stringify([laneId, saleId, expectedDueFen, content]));
}

function completedFrom(
  s: { id: string; receiptNo: string; dueFen: number; tenderedFen: number; changeFen: number; receipt: unknown },
  replayed: boolean,
): CompletedSale {
  return {
    saleId: s.id,
    receiptNo: s.receiptNo,
    dueFen: s.dueFen,
    tenderedFen: s.tenderedFen,
    changeFen: s.changeFen,
    receipt: s.receipt,
    replayed,
  };
}

/**
 * A sale id already committed: the first answer when the request is a retry of that sale, else
 * IDEMPOTENCY_CONFLICT. `openCart` is the lane's cart the request would sell. The box replaces a
 * sold cart with an empty one as it commits, so an empty (or no) cart means the lane is retrying:
 * the lane and the due must be the sale's. A cart holding items is what the request sells, so its
 * content must be the sale's (it never is for a cart opened after the sale: an earlier sale's id
 * must not answer for the next basket while it stays unsold).
 */
export function replaySale(
  ctx: StoreContext,
  stores: SaleStores,
  laneId: string,
  saleId: string,
  expectedDueFen: number,
  openCart: Cart | undefined,
): Result<CompletedSale> | undefined {
  const existing = stores.sales.byId(saleId);
  if (!existing) return undefined;
  const same =
    openCart && openCart.items.length > 0
      ? existing.contentSha256 === contentHash(ctx.secrets, laneId, saleId, expectedDueFen, openCart)
      : existing.laneId === laneId && existing.dueFen === expectedDueFen;
  if (!same) return err('IDEMPOTENCY_CONFLICT', 'saleId', { saleId });
  return ok(completedFrom(existing, true));
}

/**
 * Completes a sale in ONE SQLite transaction: the sale, its lines with every discount share, its
 * tenders, the sale effects (stock, loyalty, payments), the outbox row for HQ, and the idempotency record (the sale row's
 * content hash, covering the cart sold). The lane made the sale id (UUIDv7) before sending, so a retry
 * returns the first result; the same id with different content (another due, another cart) is refused. Receipt numbers are gapless per lane.
 */
export function completeSale(ctx: StoreContext, stores: SaleStores, input: CompleteSaleInput): Result<CompletedSale> {
  const { cart, priced, lines } = input;
  const replay = replaySale(ctx, stores, cart.laneId, input.saleId, input.expectedDueFen, cart);
  if (replay) return replay;
  if (cart.items.length === 0) return err('CART_EMPTY', 'cart');
  const dueFen = priced.totals.dueFen;
  if (dueFen !== input.expectedDueFen)
    return err('SALE_DUE_MISMATCH', 'expectedDueFen', { expected: input.expectedDueFen, actual: dueFen });
  // every tender settled, covering the due, change only from cash (core/payments)
  const covered = checkCompletion(dueFen, cart.tenders);
  if (!covered.ok) return covered;
  const { tenderedFen, changeFen } = covered.value;

  const store = ctx.repos.store.get()!;
  const now = ctx.clock.now();
  const local = storeLocalTime(now, store.timezone);
  const completedAt = now.toISOString();
  const names = cart.items.map((i) => i.product.names.zh);

  const record = ctx.tx.run((): SaleRecord => {
    const laneSeq = stores.sales.nextLaneSeq(cart.laneId);
    const receiptNo = `${store.id}-${cart.laneId}-${String(laneSeq).padStart(8, '0')}`;
    const header = receiptSettings(store.settings);
    const receipt = buildReceipt({
      store: {
        name: store.nameZh,
        ...(header.address ? { address: header.address } : {}),
        ...(header.phone ? { phone: header.phone } : {}),
      },
      ...(header.footer ? { footer: header.footer } : {}),
      saleId: input.saleId,
      receiptNo,
      laneId: cart.laneId,
      cashier: cart.cashier,
      printedAt: `${local.date} ${local.time}`,
      names,
      lines,
      priced,
      discountLabel: (d) => labelOf(d, input.promotionNames).zh,
      tenders: cart.tenders.map((t) => ({ label: TENDER_LABELS[t.kind].zh, amountFen: t.amountFen })),
      changeFen,
      openDrawer: cart.tenders.some((t) => t.kind === 'cash'),
    });
    const sale: SaleRecord = {
      id: input.saleId,
      storeId: store.id,
      laneId: cart.laneId,
      laneSeq,
      receiptNo,
      cashier: cart.cashier,
      memberId: cart.memberId ?? null,
      businessDate: local.date,
      completedAt,
      grossFen: priced.totals.grossFen,
      discountFen: priced.totals.discountFen,
      dueFen,
      taxFen: priced.totals.taxFen,
      tenderedFen,
      changeFen,
      pointsEarned: 0,
      contentSha256: contentHash(ctx.secrets, cart.laneId, input.saleId, input.expectedDueFen, cart),
      priced,
      receipt,
      lines: priced.lines.map((p, i) => ({
        lineNo: i + 1,
        lineId: p.lineId,
        sku: p.sku,
        nameZh: names[i],
        categoryPath: lines[i].categoryPath,
        unit: lines[i].unit,
        quantity: lines[i].quantity,
        unitPriceFen: lines[i].unitPriceFen,
        grossFen: p.grossFen,
        discountFen: p.discountFen,
        netFen: p.netFen,
        taxRateBp: lines[i].taxRateBp,
        taxFen: p.taxFen,
        pointsMultiplierBp: p.pointsMultiplierBp,
        priceOverrideFen: cart.items[i].unitPriceOverrideFen ?? null,
        pointsRedeemed: p.pointsRedeemed,
        discounts: p.discounts.map((d) => ({
          stage: d.stage,
          sourceKind: d.source.kind,
          sourceId:
            d.source.kind === 'promotion'
              ? d.source.promotionId
              : d.source.kind === 'coupon'
                ? d.source.code
                : d.source.kind,
          amountFen: d.amountFen,
        })),
      })),
      tenders: cart.tenders.map((t, i) => ({
        id: t.id ?? `${input.saleId}-T${i + 1}`,
        seq: i + 1,
        kind: t.kind,
        amountFen: t.amountFen,
        reference: tenderReference(t),
        status: 'succeeded',
      })),
    };
    stores.sales.insert(sale);
    let member: Receipt['member'];
    for (const effect of stores.effects ?? []) {
      const outcome = effect.apply({ sale, cart, lines, priced, local });
      if (outcome?.pointsEarned) sale.pointsEarned += outcome.pointsEarned;
      if (outcome?.receiptMember) member = outcome.receiptMember;
    }
    if (sale.pointsEarned > 0) stores.sales.setPointsEarned(sale.id, sale.pointsEarned);
    if (member) {
      // the member block is known once loyalty has run: earned points and the balance after the sale
      sale.receipt = { ...receipt, member: { ...member, pointsEarned: sale.pointsEarned } };
      stores.sales.setReceipt(sale.id, sale.receipt);
    }
    stores.outbox.append('sale.completed', { ...sale, receipt: undefined }, completedAt);
    return sale;
  });

  ctx.bus.emit('sale.completed', { saleId: record.id, laneId: record.laneId, receiptNo: record.receiptNo, dueFen });
  return ok(completedFrom(record, false));
}
