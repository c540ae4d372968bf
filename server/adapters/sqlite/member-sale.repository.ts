import type { Db } from './database.ts';
import { MemberSpendRepository } from './member-spend.repository.ts';
import type { LoyaltySaleLine, MemberSaleStore } from '../../app/ports/member-sale-store.port.ts';

export type { LoyaltySaleLine };

/** The loyalty view of stored sales: a sale attached to a member after payment reads its stored lines and shares. */
export class MemberSaleRepository implements MemberSaleStore {
  private readonly s;
  private readonly spend: MemberSpendRepository;
  constructor(db: Db) {
    this.spend = new MemberSpendRepository(db);
    this.s = {
      lines:
        db.prepare(`SELECT l.line_id AS lineId, l.net_fen AS netFen, l.category_path AS categoryPath, l.points_multiplier_bp AS pointsMultiplierBp,
          EXISTS (SELECT 1 FROM sale_line_discount d WHERE d.sale_id = l.sale_id AND d.line_no = l.line_no AND d.source_kind IN ('promotion', 'coupon')) AS discounted
        FROM sale_line l WHERE l.sale_id = ? ORDER BY l.line_no`),
      attach: db.prepare('UPDATE sale SET member_id = ? WHERE id = ? AND member_id IS NULL'),
    };
  }

  lines(saleId: string): LoyaltySaleLine[] {
    return (this.s.lines.all(saleId) as Array<Omit<LoyaltySaleLine, 'discounted'> & { discounted: number }>).map(
      (x) => ({ ...x, discounted: x.discounted === 1 }),
    );
  }

  /** false when the sale already has a member. */
  attach(saleId: string, memberId: string): boolean {
    return this.s.attach.run(memberId, saleId).changes === 1;
  }

  refundSpend(serial: number, saleDate: string, netFen: number, discountedFen: number, orders: 0 | 1): void {
    this.spend.refund(serial, saleDate, netFen, discountedFen, orders);
  }
}
