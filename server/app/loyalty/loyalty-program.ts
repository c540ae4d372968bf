import type { LoyaltyConfig } from '../../contracts/loyalty/index.ts';
import { parseLoyaltyConfig } from './parse-loyalty-config.ts';
import type { CouponTemplate, TierTable } from '../../core/loyalty/index.ts';
import type { LoyaltyConfigStore } from '../ports/loyalty-config-store.port.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { boxLoyaltyConfig } from './box-loyalty-config.ts';

/** The store's loyalty programme as stored (validated on every write), with the lookups the use cases need. */
export class LoyaltyProgram {
  private readonly repo: LoyaltyConfigStore;
  private cached: { config: LoyaltyConfig; templates: Map<string, CouponTemplate> } | undefined;

  constructor(repo: LoyaltyConfigStore) {
    this.repo = repo;
  }

  config(): LoyaltyConfig {
    return this.load().config;
  }

  tiers(): TierTable {
    return this.config().tiers;
  }

  template(id: string): CouponTemplate | undefined {
    return this.load().templates.get(id);
  }

  templates(): ReadonlyMap<string, CouponTemplate> {
    return this.load().templates;
  }

  /** Replaces the programme; refused (nothing written) when it does not parse. */
  replace(input: unknown, at: string): Result<LoyaltyConfig> {
    const parsed = parseLoyaltyConfig(input);
    if (!parsed.ok) return parsed;
    // members registered so far hold the base tier's code
    if (parsed.value.tiers.tiers[0].code !== this.tiers().tiers[0].code)
      return err('LOYALTY_CONFIG_INVALID', 'tiers.tiers[0].code', {
        field: 'tiers.tiers[0].code',
        reason: 'the base tier code cannot change',
      });
    this.repo.put(parsed.value, at);
    this.cached = undefined;
    return ok(parsed.value);
  }

  private load() {
    if (!this.cached) {
      const stored = this.repo.get();
      const parsed = stored === undefined ? ok(boxLoyaltyConfig()) : parseLoyaltyConfig(stored);
      if (!parsed.ok) throw new Error(`stored loyalty config is invalid: ${parsed.field}`);
      this.cached = { config: parsed.value, templates: new Map(parsed.value.couponTemplates.map((t) => [t.id, t])) };
    }
    return this.cached;
  }
}
