export type LoyaltySaleLine = {
  lineId: string;
  netFen: number;
  categoryPath: string;
  pointsMultiplierBp: number;
  discounted: boolean;
};

/** What a member bought: the loyalty side of a sale and a refund (MemberSaleRepository). */
export interface MemberSaleStore {
  lines(saleId: string): LoyaltySaleLine[];
  /** false when the sale already has a member. */
  attach(saleId: string, memberId: string): boolean;
  /**
   * Takes a refund back from the member's spend on the sale's day (the figure tier windows and RFM
   * read); `orders` is 1 when this refund returns the last of the sale (the visit no longer counts).
   */
  refundSpend(serial: number, saleDate: string, netFen: number, discountedFen: number, orders: 0 | 1): void;
}
