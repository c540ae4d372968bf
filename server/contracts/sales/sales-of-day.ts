/**
 * 今日销售: sales of one business day and the refunds made on it (a refund counts on its own day,
 * whichever day the sale was). Cash is what the drawer kept: tendered less the change given back.
 * The reply of GET /api/v1/sales/day (the console's "today" page); built by
 * server/adapters/sqlite/sale.repository.ts.
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
