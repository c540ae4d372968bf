export type Lane = { id: string; name: string; active: boolean };

/** Lanes (checkout stations). A retired lane stays: its sales, shifts and sessions refer to it. */
export interface LaneStore {
  /** True for an active lane (one a cashier may log in at and devices may be assigned to). */
  exists(id: string): boolean;
  /** Any lane with this id, active or retired. */
  byId(id: string): Lane | undefined;
  list(): Lane[];
  insert(lane: { id: string; name: string }, at: string): void;
  rename(id: string, name: string): void;
  retire(id: string): void;
  /** The id of the lane's open cash shift, if any (at most one). */
  openShiftId(id: string): string | undefined;
}
