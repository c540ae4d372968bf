/** The one store this box runs (its single row): name, box id, time zone and the store settings. */
export type StoreInfo = {
  id: string;
  boxId: string;
  nameZh: string;
  nameEn: string;
  address: string;
  timezone: string;
  settings: Record<string, unknown>;
};

/** Where the store's row is kept. Read on every scan: implementations may cache it (they are its only writer). */
export interface StoreInfoStore {
  get(): StoreInfo | undefined;
  insert(store: Omit<StoreInfo, 'settings'> & { settings?: Record<string, unknown> }, at: string): void;
  updateSettings(settings: Record<string, unknown>): void;
}
