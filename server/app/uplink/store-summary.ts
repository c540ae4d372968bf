import type { StoreSummary } from '../../contracts/uplink/uplink-request.schema.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { StoreSummarySource } from '../ports/store-summary-source.port.ts';

export type StoreSummaryDeps = { storeId: string; clock: Clock; summaries: StoreSummarySource };

/** The nightly store summary HQ asks for: the day's totals, read in one transaction. */
export function storeSummary(deps: StoreSummaryDeps, businessDate: string): StoreSummary {
  const totals = deps.summaries.totals(businessDate);
  return { storeId: deps.storeId, businessDate, generatedAt: deps.clock.now().toISOString(), ...totals };
}
