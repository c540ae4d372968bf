import type { CartLine } from '../catalog/cart-line.ts';
import type { Receipt } from './receipt.ts';
import type { PricedCart } from '../pricing/index.ts';

export type ReceiptInput = {
  store: { name: string; address?: string; phone?: string };
  /** the store's receipt footer lines (store setting receipt.footer), printed last */
  footer?: readonly string[];
  saleId: string;
  receiptNo: string;
  laneId: string;
  cashier: string;
  printedAt: string;
  names: readonly string[];
  lines: readonly CartLine[];
  priced: PricedCart;
  discountLabel: (share: PricedCart['lines'][number]['discounts'][number]) => string;
  tenders: ReadonlyArray<{ label: string; amountFen: number }>;
  changeFen: number;
  openDrawer: boolean;
  eReceiptBaseUrl?: string;
};

/**
 * The receipt of a completed sale, from the stored priced cart (never re-priced): lines with each
 * discount share, totals with 抹零 as its own line, tenders, change, the e-receipt QR payload.
 */
export function buildReceipt(input: ReceiptInput): Receipt {
  const { priced } = input;
  return {
    store: {
      name: input.store.name,
      ...(input.store.address ? { address: input.store.address } : {}),
      ...(input.store.phone ? { phone: input.store.phone } : {}),
    },
    saleId: input.receiptNo,
    lane: input.laneId,
    cashier: input.cashier,
    printedAt: input.printedAt,
    lines: priced.lines.map((p, i) => ({
      name: input.names[i],
      quantity: receiptQuantity(input.lines[i]),
      unitPriceFen: input.lines[i].unitPriceFen,
      grossFen: p.grossFen,
      discounts: p.discounts
        .filter((d) => d.stage !== 'rounding')
        .map((d) => ({ label: input.discountLabel(d), amountFen: d.amountFen })),
      netFen: p.netFen + p.discounts.filter((d) => d.stage === 'rounding').reduce((s, d) => s + d.amountFen, 0),
    })),
    totals: {
      grossFen: priced.totals.grossFen,
      discountFen: priced.totals.discountFen - (priced.rounding?.amountFen ?? 0),
      roundingFen: priced.rounding?.amountFen ?? 0,
      dueFen: priced.totals.dueFen,
    },
    tenders: input.tenders,
    changeFen: input.changeFen,
    eReceipt: { id: input.saleId, qrPayload: `${input.eReceiptBaseUrl ?? 'sb:receipt:'}${input.saleId}` },
    ...(input.footer && input.footer.length > 0 ? { footer: [...input.footer] } : {}),
    openDrawer: input.openDrawer,
  };
}

/**
 * How a line's quantity prints. A weighed line of 0 g is a price-embedded label-scale code of a
 * by-weight product: the barcode carries the price and no weight, so the receipt prints the label's
 * price (`labelPrice`) rather than inventing a weight (a cashier compares it with the label's price).
 */
export function receiptQuantity(line: Pick<CartLine, 'unit' | 'quantity'>): Receipt['lines'][number]['quantity'] {
  if (line.unit === 'each') return { kind: 'count', count: line.quantity };
  return line.quantity === 0 ? { kind: 'labelPrice' } : { kind: 'weight', grams: line.quantity };
}
