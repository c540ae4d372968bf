import { pricingRedemptionOf } from '../../contracts/loyalty/redemption-pricing.ts';
import type { PricingSettings } from '../../contracts/pricing/pricing-request.schema.ts';
import type { RedemptionRule } from '../../core/loyalty/index.ts';
import { compilePromotionSet, DEFAULT_PRICING_SETTINGS, validatePricingSettings, type PromotionSet } from '../../core/pricing/index.ts';
import type { PromotionRepository } from '../../adapters/sqlite/promotion.repository.ts';
import type { StoreRepository } from '../../adapters/sqlite/store.repository.ts';
import { promotionNames, type Label } from '../checkout/cart-view.ts';

/**
 * The compiled set of active promotions and the store's pricing settings, rebuilt whenever a
 * promotion changes (compiling once keeps pricing a scan free of validation work). With a loyalty
 * programme, points redemption (rate, minimum, cap) is the programme's rule, not the store
 * setting `pricing.pointsRedemption`: the lane's check, the priced cart and the sale commit then
 * read one rule (docs/loyalty.md, "Points as cash").
 */
export class PricingService {
  private readonly promotions: PromotionRepository;
  private readonly store: StoreRepository;
  private set: PromotionSet | undefined;
  private names: Map<string, Label> = new Map();
  private settingsCache: PricingSettings | undefined;
  private readonly redemptionRule: (() => RedemptionRule) | undefined;
  /** the settings with the programme's rule, for the rule object they were made from */
  private withRule: { rule: RedemptionRule; settings: PricingSettings } | undefined;

  constructor(promotions: PromotionRepository, store: StoreRepository, redemptionRule?: () => RedemptionRule) {
    this.promotions = promotions;
    this.store = store;
    this.redemptionRule = redemptionRule;
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
    if (!this.redemptionRule) return this.settingsCache;
    // the programme keeps one config object until it is replaced: same object, same settings
    const rule = this.redemptionRule();
    if (this.withRule?.rule !== rule) this.withRule = { rule, settings: { ...this.settingsCache, pointsRedemption: pricingRedemptionOf(rule) } };
    return this.withRule.settings;
  }

  /** Call after any promotion or store-setting change. */
  invalidate(): void {
    this.set = undefined;
    this.settingsCache = undefined;
    this.withRule = undefined;
  }
}
