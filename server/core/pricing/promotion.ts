/**
 * A promotion is data: conditions + one effect + stacking (DESIGN.md "Pricing and promotions").
 * These are the domain types the engine works on; the wire schema that checks a promotion's shape
 * at the edge is server/contracts/pricing/promotion.schema.ts, kept equal to these at compile time
 * (test/contracts/wire-matches-domain.ts). Contradictions a schema cannot express are checked by
 * checkPromotion (promotion-validator.ts). docs/pricing.md has a JSON example of every part.
 */

/** Include/exclude lists of a line scope. */
export type ScopeList = { include?: string[]; exclude?: string[] };

export type Conditions = {
  /** line scope: a line matches when it is in skus.include OR categories.include (or neither is given), and in no exclude */
  skus?: ScopeList;
  /** "食品/饮料": matches that category and everything below it, by whole segments */
  categories?: ScopeList;
  /** member tier is one of these (a guest never matches) */
  memberTiers?: string[];
  /** member carries at least one of these tags */
  memberTags?: string[];
  /** the member's first purchase */
  firstPurchase?: true;
  /** inclusive local dates YYYY-MM-DD */
  dateRange?: { from: string; to: string };
  /** ISO weekdays, 1 = Monday … 7 = Sunday */
  weekdays?: number[];
  /** [from, to) local time HH:MM; to < from spans midnight */
  timeOfDay?: { from: string; to: string };
  stores?: string[];
  channels?: string[];
  /** units of the matching lines (a weighed line counts as 1) */
  minQuantity?: number;
  /** current net of the matching lines when the promotion's stage runs */
  minAmountFen?: number;
};

/** The arguments of each effect kind; each kind has one rule in rules/ (rules/promotion-rules.ts). */
export type EffectArgs = {
  // stage 1: line promotions
  itemPercentOff: { offBp: number };
  /** per unit; once per line for weighed goods */
  itemAmountOff: { amountFen: number };
  /** per unit; per kg for weighed goods */
  fixedPrice: { priceFen: number };
  nthItemOff: { n: number; offBp: number };
  buyXGetY: { buy: number; get: number };
  // stage 2: member-tier discount, pay rate per tier (银卡 9.5折 = 9500)
  memberTierRate: { payBpByTier: { [tier: string]: number } };
  // stage 3: basket
  basketThreshold: {
    thresholdFen: number;
    amountOffFen: number;
    /** 每满: once per whole multiple of the threshold */
    repeat?: boolean;
    capFen?: number;
  };
  basketPercentOff: { offBp: number };
  // after the sale is priced
  pointsMultiplier: { multiplierBp: number };
  issueCoupon: { templateId: string; count?: number };
};

export type EffectKind = keyof EffectArgs;

type Flat<T> = { [P in keyof T]: T[P] };

/** One effect: its kind and that kind's arguments. */
export type EffectOf<K extends EffectKind> = Flat<{ kind: K } & EffectArgs[K]>;

export type Effect = { [K in EffectKind]: EffectOf<K> }[EffectKind];

export type Promotion = {
  id: string;
  name: { zh: string; en: string };
  /** higher applies first within a stage; ties by id */
  priority: number;
  /** at most one promotion of a group applies: the one best for the customer */
  exclusivityGroup?: string;
  /** line promotions only: when false (default) a line this promotion discounted gets no member-tier discount */
  combinesWithTier?: boolean;
  conditions: Conditions;
  effect: Effect;
};
