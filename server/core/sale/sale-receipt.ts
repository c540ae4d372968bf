import type { Receipt } from '../../contracts/receipt.ts';
import type { CartLine } from '../../contracts/pricing/pricing-request.schema.ts';
import type { PricedCart } from '../pricing/index.ts';

export type ReceiptInput = {
  store: { name: string; address?: string };
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
    store: input.store.address ? { name: input.store.name, address: input.store.address } : { name: input.store.name },
    saleId: input.receiptNo,
    lane: input.laneId,
    cashier: input.cashier,
    printedAt: input.printedAt,
    lines: priced.lines.map((p, i) => ({
      name: input.names[i],
      quantity:
        input.lines[i].unit === 'kg'
          ? { kind: 'weight', grams: input.lines[i].quantity }
          : { kind: 'count', count: input.lines[i].quantity },
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
    openDrawer: input.openDrawer,
  };
}
