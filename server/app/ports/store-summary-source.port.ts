import type { StoreSummary } from '../../contracts/uplink/uplink-request.schema.ts';

export type StoreSummaryTotals = Omit<StoreSummary, 'storeId' | 'businessDate' | 'generatedAt'>;

/** The figures of one business date, read together so they describe one state of the store. */
export interface StoreSummarySource {
  totals(businessDate: string): StoreSummaryTotals;
}
