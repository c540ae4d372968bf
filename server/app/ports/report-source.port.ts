import type { BreakdownRow, ReportBreakdown } from '../../contracts/reports/reports.schema.ts';

/** A range of business dates, inclusive, and the store's UTC offset that turns a sale's instant into a local hour. */
export type ReportRange = { from: string; to: string; utcOffsetMinutes: number };

/** Raw sums over a range; the use cases derive averages and shares. */
export type RangeSums = {
  sales: number;
  dueFen: number;
  discountFen: number;
  memberSales: number;
  refunds: number;
  refundFen: number;
};

/**
 * What the dashboard and the reports read, each one SQL aggregate over indexed columns
 * (server/adapters/sqlite/report.repository.ts; the indexes are in migrations/0017_report_indexes.sql).
 */
export interface ReportSource {
  sums(range: ReportRange): RangeSums;
  /** sales count and due per local hour 0–23 (absent hours are left out) */
  hourly(range: ReportRange): Array<{ hour: number; sales: number; dueFen: number }>;
  breakdown(kind: ReportBreakdown, range: ReportRange, limit: number): BreakdownRow[];
  refundsBy(kind: 'reason' | 'lane', range: ReportRange): BreakdownRow[];
  /** voids recorded in the audit log between two instants (ISO, [fromIso, toIso)) */
  voids(fromIso: string, toIso: string): { carts: number; lines: number; byCashier: BreakdownRow[] };
  /** lanes with an open shift, and its cashier */
  openShifts(): Array<{ laneId: string; cashier: string }>;
  openAnomalies(): number;
}

/** The per-day item totals the reports read for products and categories (sale_day_item). */
export interface SaleRollup {
  /** adds one recorded sale's lines to its business date's totals */
  addSale(saleId: string): void;
}
