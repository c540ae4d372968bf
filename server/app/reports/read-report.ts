import { REPORT_BREAKDOWNS, type Report, type ReportBreakdown } from '../../contracts/reports/reports.schema.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { ReportSource } from '../ports/report-source.port.ts';
import type { StoreContext } from '../store-context.ts';
import { addDays, startOfBusinessDate, utcOffsetMinutes } from '../store-time.ts';
import { salesFigures } from './sales-figures.ts';

/** the longest range a report covers: three years (a year of a busy store reads in well under 2 s) */
export const REPORT_MAX_DAYS = 1096;
/** rows per breakdown: every day and hour of the range; the 500 best lanes, cashiers, products, ... */
const ROWS = 1100;

const isRealDate = (d: string) => addDays(d, 0) === d;

/** 报表: a range of business dates, its totals, every breakdown, refunds and voids. */
export function readReport(
  deps: { ctx: StoreContext; source: ReportSource },
  from: string,
  to: string,
): Result<Report, 'REPORT_RANGE_INVALID'> {
  const params = { maxDays: REPORT_MAX_DAYS };
  if (!isRealDate(from)) return err('REPORT_RANGE_INVALID', 'from', params);
  if (!isRealDate(to) || to < from || addDays(from, REPORT_MAX_DAYS - 1) < to)
    return err('REPORT_RANGE_INVALID', 'to', params);
  const timeZone = deps.ctx.repos.store.get()!.timezone;
  // a range spanning a DST change takes the offset of its first day for the hour breakdown (China has none)
  const range = { from, to, utcOffsetMinutes: utcOffsetMinutes(from, timeZone) };
  const { source } = deps;
  const breakdowns = Object.fromEntries(
    REPORT_BREAKDOWNS.map((kind) => [kind, source.breakdown(kind, range, ROWS)]),
  ) as Record<ReportBreakdown, Report['breakdowns'][ReportBreakdown]>;
  return ok({
    from,
    to,
    totals: salesFigures(source.sums(range)),
    breakdowns,
    refunds: { byReason: source.refundsBy('reason', range), byLane: source.refundsBy('lane', range) },
    voids: source.voids(startOfBusinessDate(from, timeZone), startOfBusinessDate(addDays(to, 1), timeZone)),
  });
}
