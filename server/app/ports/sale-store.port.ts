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

/**
 * 今日销售: sales of one business day and the refunds made on it (a refund counts on its own day,
 * whichever day the sale was). Cash is what the drawer kept: tendered less the change given back.
 */
export type SalesOfDay = {
  businessDate: string;
  totals: {
    count: number;
    grossFen: number;
    discountFen: number;
    dueFen: number;
    refundCount: number;
    refundFen: number;
    /** dueFen less refundFen */
    netFen: number;
  };
  lanes: Array<{ laneId: string; count: number; dueFen: number; refundFen: number; netFen: number }>;
  /** per tender kind: `amountFen` taken (cash net of change), `refundFen` paid back (all but failed), `netFen` */
  tenders: Array<{ kind: string; count: number; amountFen: number; refundFen: number; netFen: number }>;
  sales: Array<{
    id: string;
    receiptNo: string;
    laneId: string;
    cashier: string;
    member: boolean;
    completedAt: string;
    dueFen: number;
    tenders: string;
  }>;
  refunds: Array<{
    id: string;
    receiptNo: string;
    laneId: string | null;
    cashier: string;
    supervisor: string | null;
    createdAt: string;
    refundFen: number;
    status: string;
  }>;
};

export type SaleSummary = Omit<SaleRecord, 'lines' | 'tenders' | 'priced' | 'receipt'> & { receipt: unknown };

/** Sales with their lines, discount shares and tenders. Writes run inside the caller's transaction. */
export interface SaleStore {
  /** The lane's next receipt sequence; gapless because it commits or rolls back with the sale. */
  nextLaneSeq(laneId: string): number;
  /** The sale, its lines, discount shares, tenders and stock movements. */
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
