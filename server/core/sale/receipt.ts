import type { Fen } from '../money/index.ts';

/**
 * What a printed receipt shows, built by the sale and refund use cases from stored amounts (never
 * re-priced): the ESC/POS and plain-text renderers in devices/drivers/escpos, the e-receipt and the
 * device agent all read this one model.
 */
export type ReceiptDiscount = { readonly label: string; readonly amountFen: Fen };

export type ReceiptQuantity =
  | { readonly kind: 'count'; readonly count: number }
  | { readonly kind: 'weight'; readonly grams: number }
  /** a by-weight product sold by a price-embedded label: the barcode carries its price, not its weight */
  | { readonly kind: 'labelPrice' };

export type ReceiptLine = {
  readonly name: string;
  readonly quantity: ReceiptQuantity;
  readonly unitPriceFen: Fen;
  readonly grossFen: Fen;
  /** line-level promotions and this line's share of order discounts, as stored on the sale line */
  readonly discounts: readonly ReceiptDiscount[];
  readonly netFen: Fen;
};

export type ReceiptTender = { readonly label: string; readonly amountFen: Fen };

export type Receipt = {
  readonly store: { readonly name: string; readonly address?: string; readonly phone?: string };
  readonly saleId: string;
  readonly lane: string;
  readonly cashier: string;
  /** local time text, formatted by the caller (time is passed in) */
  readonly printedAt: string;
  readonly lines: readonly ReceiptLine[];
  readonly totals: {
    readonly grossFen: Fen;
    readonly discountFen: Fen;
    /** 抹零 rounding, shown as its own line when not zero */
    readonly roundingFen: Fen;
    readonly dueFen: Fen;
  };
  readonly tenders: readonly ReceiptTender[];
  readonly changeFen: Fen;
  readonly member?: { readonly maskedPhone: string; readonly pointsEarned: number; readonly pointsBalance: number };
  readonly eReceipt?: { readonly id: string; readonly qrPayload: string };
  readonly footer?: readonly string[];
  readonly openDrawer: boolean;
};

/** 58 mm paper = 32 columns of Font A, 80 mm = 48 (docs/formats.md §4.3). */
export type PaperWidth = 58 | 80;
export const PAPER_COLUMNS: Record<PaperWidth, number> = { 58: 32, 80: 48 };
