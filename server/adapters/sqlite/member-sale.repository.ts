import type { Db } from './database.ts';

export type LoyaltySaleLine = {
  lineId: string;
  netFen: number;
  categoryPath: string;
  pointsMultiplierBp: number;
  discounted: boolean;
};

/** The loyalty view of stored sales: a sale attached to a member after payment reads its stored lines and shares. */
export class MemberSaleRepository {
  private readonly s;
  constructor(db: Db) {
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
}
