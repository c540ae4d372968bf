import type { Db } from './database.ts';

/**
 * What a refund takes back from a member's per-day spend (member_spend_day), the figure tier windows
 * and RFM read. Written on the day of the sale, so the refunded spend leaves the rolling window when
 * the sale would have. Runs inside the caller's transaction.
 */
export class MemberSpendRepository {
  private readonly refundStmt;

  constructor(db: Db) {
    this.refundStmt =
      db.prepare(`INSERT INTO member_spend_day (member_serial, date, net_fen, discounted_fen, orders) VALUES (@serial, @date, -@net, -@discounted, -@orders)
      ON CONFLICT(member_serial, date) DO UPDATE SET net_fen = net_fen - @net, discounted_fen = discounted_fen - @discounted, orders = orders - @orders`);
  }

  /** `orders` is 1 when this refund returns the last of the sale (the visit no longer counts), else 0. */
  refund(serial: number, saleDate: string, netFen: number, discountedFen: number, orders: 0 | 1): void {
    this.refundStmt.run({ serial, date: saleDate, net: netFen, discounted: discountedFen, orders });
  }
}
