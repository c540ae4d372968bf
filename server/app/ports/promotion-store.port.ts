export type StoredPromotion = {
  id: string;
  definition: unknown;
  active: boolean;
  updatedAt: string;
  updatedBy: string;
};

/** Promotions as validated JSON documents; validation happens before they get here. */
export interface PromotionStore {
  /** The definitions of the active promotions, by id. */
  active(): unknown[];
  list(): StoredPromotion[];
  get(id: string): StoredPromotion | undefined;
  upsert(id: string, definition: unknown, active: boolean, at: string, by: string): void;
  /** False when there is no such promotion. */
  setActive(id: string, active: boolean, at: string, by: string): boolean;
}
