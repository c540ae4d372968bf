import type { Receipt } from '../sale/receipt.ts';
import type { LineRefund } from './refund-lines.ts';

export type RefundReceiptInput = {
  store: { name: string };
  refundId: string;
  receiptNo: string;
  originalReceiptNo: string;
  laneId: string;
  cashier: string;
  printedAt: string;
  lines: ReadonlyArray<LineRefund & { name: string; unit: 'each' | 'kg'; unitPriceFen: number }>;
  discountLabels: ReadonlyArray<readonly string[]>;
  tenders: ReadonlyArray<{ label: string; amountFen: number }>;
  /** what the refund's effects give back besides money (e.g. 退还积分 N / Points restored N), printed in the footer */
  notes?: readonly string[];
  openDrawer: boolean;
};

/**
 * The refund slip (退货单) in the printer's receipt model: the returned quantities with the
 * discount shares given back, the refund total as the amount "due" back, and where it went.
 */
export function buildRefundReceipt(input: RefundReceiptInput): Receipt {
  const total = input.lines.reduce((s, l) => s + l.netFen, 0);
  return {
    store: { name: input.store.name },
    saleId: input.receiptNo,
    lane: input.laneId,
    cashier: input.cashier,
    printedAt: input.printedAt,
    lines: input.lines.map((l, i) => ({
      name: l.name,
      quantity: l.unit === 'kg' ? { kind: 'weight', grams: l.quantity } : { kind: 'count', count: l.quantity },
      unitPriceFen: l.unitPriceFen,
      grossFen: l.grossFen,
      discounts: l.discounts.flatMap((amountFen, k) =>
        amountFen === 0 ? [] : [{ label: input.discountLabels[i]?.[k] ?? '', amountFen }],
      ),
      netFen: l.netFen,
    })),
    totals: {
      grossFen: input.lines.reduce((s, l) => s + l.grossFen, 0),
      discountFen: input.lines.reduce((s, l) => s + l.discountFen, 0),
      roundingFen: 0,
      dueFen: total,
    },
    tenders: input.tenders,
    changeFen: 0,
    eReceipt: { id: input.refundId, qrPayload: `sb:refund:${input.refundId}` },
    footer: ['退货单 REFUND', `原小票 ${input.originalReceiptNo}`, ...(input.notes ?? [])],
    openDrawer: input.openDrawer,
  };
}
