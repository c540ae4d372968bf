import type { TenderKind } from '../../core/payments/index.ts';

/** A tender of the sale being refunded, as the refund reads it. */
export type SaleTenderRow = {
  id: string;
  seq: number;
  kind: TenderKind;
  amountFen: number;
  reference: string | null;
  authCode: string | null;
  status: string;
};
export type SaleLineDiscountRow = {
  lineNo: number;
  seq: number;
  stage: string;
  sourceKind: string;
  sourceId: string;
  amountFen: number;
};

export type RefundTenderStatus = 'pending' | 'succeeded' | 'failed' | 'unknown';

export type RefundTenderRecord = {
  id: string;
  refundId: string;
  tenderId: string | null;
  kind: TenderKind;
  amountFen: number;
  status: RefundTenderStatus;
  requestedAt: string;
  channelRefundId: string | null;
  errorCode: string | null;
  detail: string | null;
};

export type RefundLineRecord = {
  lineNo: number;
  quantity: number;
  grossFen: number;
  discountFen: number;
  netFen: number;
  taxFen: number;
  discounts: Array<{ seq: number; amountFen: number }>;
};

/** A refund (退货) or exchange (换货) as stored, with the content hash a retry is checked against. */
export type RefundRecord = {
  id: string;
  saleId: string;
  receiptNo: string;
  laneId: string | null;
  cashier: string;
  supervisor: string | null;
  kind: 'return' | 'exchange';
  exchangeSaleId: string | null;
  refundTo: 'original' | 'cash' | 'stored_value';
  grossFen: number;
  discountFen: number;
  refundFen: number;
  taxFen: number;
  status: 'pending' | 'completed';
  reason: string | null;
  businessDate: string;
  createdAt: string;
  completedAt: string | null;
  contentSha256: string;
  receipt: unknown;
};

/**
 * Refunds with their lines, discount shares given back and refund tenders; also what a refund reads
 * of the sale (tenders, discount shares, what was already returned). Writes run inside the caller's
 * transaction (RefundRepository).
 */
export interface RefundStore {
  saleTenders(saleId: string): SaleTenderRow[];
  saleDiscounts(saleId: string): SaleLineDiscountRow[];
  /** Quantity of each line already returned. */
  returnedQuantities(saleId: string): Map<number, number>;
  refundedByTender(saleId: string): Map<string, number>;
  countForSale(saleId: string): number;
  /** The refund with its lines and tenders (stock back on the shelf: the inventory refund effect); `completedAt` is written when set. */
  insert(
    r: RefundRecord,
    lines: ReadonlyArray<RefundLineRecord & { sku: string }>,
    tenders: readonly RefundTenderRecord[],
  ): void;
  byId(id: string): RefundRecord | undefined;
  bySale(saleId: string): RefundRecord[];
  lines(refundId: string): RefundLineRecord[];
  tenders(refundId: string): RefundTenderRecord[];
  /** Channel refunds not yet confirmed: retried with the same id (out_request_no) until they are. */
  openTenders(): RefundTenderRecord[];
  setTenderStatus(
    id: string,
    status: RefundTenderStatus,
    at: string,
    outcome?: { channelRefundId?: string; errorCode?: string; detail?: string },
  ): void;
  /** True when this call completed it (all its refund tenders succeeded). */
  complete(refundId: string, at: string): boolean;
  /** False once the database is closed (the box stopped while a channel call was out). */
  writable(): boolean;
}
