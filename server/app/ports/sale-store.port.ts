import type { SalesOfDay } from '../../contracts/sales/sales-of-day.ts';
export type SaleLineRecord = {
  lineNo: number;
  lineId: string;
  sku: string;
  nameZh: string;
  categoryPath: string;
  unit: 'each' | 'kg';
  quantity: number;
  unitPriceFen: number;
  grossFen: number;
  discountFen: number;
  netFen: number;
  taxRateBp: number;
  taxFen: number;
  pointsMultiplierBp: number;
  priceOverrideFen: number | null;
  /** points of the sale's redemption this line carries (pricing's one allocation); null on sales before migration 0016 */
  pointsRedeemed: number | null;
  discounts: Array<{ stage: string; sourceKind: string; sourceId: string; amountFen: number }>;
};

export type TenderRecord = {
  id: string;
  seq: number;
  kind: string;
  amountFen: number;
  reference: string | null;
  status: string;
};

export type SaleRecord = {
  id: string;
  storeId: string;
  laneId: string;
  laneSeq: number;
  receiptNo: string;
  cashier: string;
  memberId: string | null;
  businessDate: string;
  completedAt: string;
  grossFen: number;
  discountFen: number;
  dueFen: number;
  taxFen: number;
  tenderedFen: number;
  changeFen: number;
  pointsEarned: number;
  contentSha256: string;
  priced: unknown;
  receipt: unknown;
  lines: SaleLineRecord[];
  tenders: TenderRecord[];
};

/** 今日销售: the wire type the console reads (contracts/sales/sales-of-day.ts). */
export type { SalesOfDay } from '../../contracts/sales/sales-of-day.ts';

export type SaleSummary = Omit<SaleRecord, 'lines' | 'tenders' | 'priced' | 'receipt'> & { receipt: unknown };

/** Sales with their lines, discount shares and tenders. Writes run inside the caller's transaction. */
export interface SaleStore {
  /** The lane's next receipt sequence; gapless because it commits or rolls back with the sale. */
  nextLaneSeq(laneId: string): number;
  /** The sale, its lines, discount shares and tenders (its stock movements are the inventory feature's sale effect). */
  insert(s: SaleRecord): void;
  /** The receipt once the sale's effects have run (the member block needs the points they earned). */
  setReceipt(saleId: string, receipt: unknown): void;
  setPointsEarned(saleId: string, points: number): void;
  byId(id: string): SaleSummary | undefined;
  byReceiptNo(receiptNo: string): SaleSummary | undefined;
  lines(saleId: string): Array<Omit<SaleLineRecord, 'discounts'>>;
  /** 今日销售 of one business date, read in one read transaction. */
  dayReport(businessDate: string, limit: number): SalesOfDay;
  countForLane(laneId: string): number;
}
