import type { SalesFigures } from '../../contracts/reports/reports.schema.ts';
import type { RangeSums } from '../ports/report-source.port.ts';

/** half-up integer division: money and shares are rounded at this one named point */
const divideHalfUp = (a: number, b: number) => (b === 0 ? 0 : Math.floor((2 * a + b) / (2 * b)));

/** The headline figures from a range's sums: average basket in fen and the members' share in basis points. */
export function salesFigures(s: RangeSums): SalesFigures {
  return {
    sales: s.sales,
    dueFen: s.dueFen,
    discountFen: s.discountFen,
    averageFen: divideHalfUp(s.dueFen, s.sales),
    memberSales: s.memberSales,
    memberShareBp: divideHalfUp(s.memberSales * 10_000, s.sales),
    refunds: s.refunds,
    refundFen: s.refundFen,
    netFen: s.dueFen - s.refundFen,
  };
}
