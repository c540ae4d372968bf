import type { PricingSettings } from '../../contracts/pricing/pricing-request.schema.ts';
import { compilePromotionSet, DEFAULT_PRICING_SETTINGS, validatePricingSettings, type PromotionSet } from '../../core/pricing/index.ts';
import type { PromotionRepository } from '../../adapters/sqlite/promotion.repository.ts';
import type { StoreRepository } from '../../adapters/sqlite/store.repository.ts';
import { promotionNames, type Label } from '../checkout/cart-view.ts';

/**
 * The compiled set of active promotions and the store's pricing settings, rebuilt whenever a
 * promotion changes (compiling once keeps pricing a scan free of validation work).
 */
export class PricingService {
  private readonly promotions: PromotionRepository;
  private readonly store: StoreRepository;
  private set: PromotionSet | undefined;
  private names: Map<string, Label> = new Map();
  private settingsCache: PricingSettings | undefined;

  constructor(promotions: PromotionRepository, store: StoreRepository) {
    this.promotions = promotions;
    this.store = store;
  }

  promotionSet(): PromotionSet {
    if (!this.set) {
      const compiled = compilePromotionSet(this.promotions.active());
      // stored promotions were validated on the way in; a failure here is a bug or a hand-edited database
      if (!compiled.ok) throw new Error(`stored promotions do not compile: ${compiled.code} at ${compiled.field}`);
      this.set = compiled.value;
      this.names = promotionNames(compiled.value);
    }
    return this.set;
  }

  promotionNames(): ReadonlyMap<string, Label> {
    this.promotionSet();
    return this.names;
  }

  settings(): PricingSettings {
    if (!this.settingsCache) {
      const stored = this.store.get()?.settings.pricing;
      const valid = stored === undefined ? undefined : validatePricingSettings(stored);
      this.settingsCache = valid?.ok ? valid.value : DEFAULT_PRICING_SETTINGS;
    }
    return this.settingsCache;
  }

  /** Call after any promotion or store-setting change. */
  invalidate(): void {
    this.set = undefined;
    this.settingsCache = undefined;
  }
}
