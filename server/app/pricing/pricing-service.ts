import { pricingRedemptionOf } from '../../core/loyalty/redemption-pricing.ts';
import type { PricingSettings } from '../../contracts/pricing/pricing-request.schema.ts';
import type { RedemptionRule } from '../../core/loyalty/index.ts';
import { DEFAULT_PRICING_SETTINGS, type PromotionSet } from '../../core/pricing/index.ts';
import { compilePromotions } from './pricing-input.ts';
import type { PromotionStore } from '../ports/promotion-store.port.ts';
import type { StoreInfoStore } from '../ports/store-info.port.ts';
import { promotionNames, type Label } from '../checkout/cart-view.ts';

/**
 * The compiled set of active promotions and the pricing settings, rebuilt whenever a promotion
 * changes (compiling once keeps pricing a scan free of validation work). 抹零 is the store setting
 * `rounding`; points redemption (rate, minimum, cap) is the loyalty programme's rule, so the lane's
 * check, the priced cart and the sale commit read one rule (docs/loyalty.md, "Points as cash").
 */
export class PricingService {
  private readonly promotions: PromotionStore;
  private readonly store: StoreInfoStore;
  private set: PromotionSet | undefined;
  private names: Map<string, Label> = new Map();
  private readonly redemptionRule: () => RedemptionRule;
  /** the settings made from the store's rounding and the programme's rule object (replaced, never mutated) */
  private cached: { rule: RedemptionRule; settings: PricingSettings } | undefined;

  constructor(promotions: PromotionStore, store: StoreInfoStore, redemptionRule: () => RedemptionRule) {
    this.promotions = promotions;
    this.store = store;
    this.redemptionRule = redemptionRule;
  }

  promotionSet(): PromotionSet {
    if (!this.set) {
      const compiled = compilePromotions(this.promotions.active());
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
    const rule = this.redemptionRule();
    if (this.cached?.rule !== rule) {
      const rounding =
        (this.store.get()?.settings.rounding as PricingSettings['rounding'] | undefined) ??
        DEFAULT_PRICING_SETTINGS.rounding;
      this.cached = { rule, settings: { rounding, pointsRedemption: pricingRedemptionOf(rule) } };
    }
    return this.cached.settings;
  }

  /** Call after any promotion or store-setting change. */
  invalidate(): void {
    this.set = undefined;
    this.cached = undefined;
  }
}
