/** The store's loyalty programme settings (LoyaltyConfigRepository). */
export interface LoyaltyConfigStore {
  get(): unknown;
  put(config: unknown, at: string): void;
}
