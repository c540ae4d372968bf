/** Where new ledger entries get their ids: `${storeId}-${sequence}`, `${storeId}-${sequence + 1}`, … (sequence passed in). */
export type EntryContext = { readonly storeId: string; readonly sequence: number; readonly at: string };

export function entryId(storeId: string, sequence: number): string {
  return `${storeId}-${sequence}`;
}
