export type StocktakeStatus = 'counting' | 'posted';
export type StocktakeRecord = {
  id: string;
  categoryPrefix: string;
  status: StocktakeStatus;
  startedBy: string;
  startedAt: string;
  reason: string | null;
  postedBy: string | null;
  approvedBy: string | null;
  postedAt: string | null;
};
export type StocktakeLineRecord = { sku: string; snapshotOnHand: number; counted: number | null };

/** Count sheets: the products of a category with their on hand when counting started, and the counts. */
export interface StocktakeStore {
  /** false when the category already has a sheet being counted */
  insert(s: StocktakeRecord, lines: readonly StocktakeLineRecord[]): boolean;
  byId(id: string): StocktakeRecord | undefined;
  lines(id: string): StocktakeLineRecord[];
  line(id: string, sku: string): StocktakeLineRecord | undefined;
  /** adds a count (two people may count the same sheet: counts add up) */
  addCount(id: string, sku: string, quantity: number, countedBy: string, at: string): void;
  markPosted(id: string, by: string, approvedBy: string | null, reason: string, at: string): void;
}
