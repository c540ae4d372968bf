import { err, ok, type Result } from '../result.ts';
import { categoryPrefixes, inScope, type LineScope } from './conditions/line-scope.ts';
import type { PricingErrorCode } from './pricing-error-code.ts';
import type { Promotion } from './promotion.ts';
import { checkPromotion } from './promotion-validator.ts';
import type { PromotionStage } from './rules/promotion-rule.ts';
import { ruleByKind } from './rules/promotion-rules.ts';

/** A promotion ready for pricing: its stage, its order, its scope as sets. */
export type CompiledPromotion = {
  readonly promotion: Promotion;
  readonly stage: PromotionStage;
  /** position in application order: priority descending, then id */
  readonly rank: number;
  readonly scope: LineScope;
};

/**
 * The active promotions compiled once when they change, indexed by SKU and category so that
 * pricing a line only looks at promotions that can touch it (the cost does not grow with the
 * number of promotions aimed at other goods).
 */
export type PromotionSet = {
  readonly promotions: readonly CompiledPromotion[];
  readonly bySku: ReadonlyMap<string, readonly CompiledPromotion[]>;
  readonly byCategory: ReadonlyMap<string, readonly CompiledPromotion[]>;
  /** no include list: every line is a candidate */
  readonly unscoped: readonly CompiledPromotion[];
};

function push<K>(map: Map<K, CompiledPromotion[]>, key: K, p: CompiledPromotion): void {
  const list = map.get(key);
  if (list) list.push(p);
  else map.set(key, [p]);
}

/**
 * Check each promotion in turn, as compilePromotionSet does before compiling: its contradictions
 * (checkPromotion), then a duplicate id. Fails on the first (field `/<index>/<pointer>`).
 */
export function checkPromotionList(promotions: readonly Promotion[]): Result<void, PricingErrorCode> {
  const ids = new Set<string>();
  for (let i = 0; i < promotions.length; i++) {
    const r = checkPromotion(promotions[i]);
    if (!r.ok) return err(r.code, `/${i}${r.field ?? ''}`, { ...r.params, path: `/${i}${r.params?.path ?? ''}` });
    if (ids.has(r.value.id)) return err('PRICING_DUPLICATE_PROMOTION_ID', `/${i}/id`, { id: r.value.id });
    ids.add(r.value.id);
  }
  return ok(undefined);
}

/**
 * Check and compile the active promotions (their shape is the edge's: see
 * server/app/pricing/promotion-input.ts). Fails on the first promotion with a contradiction
 * (field `/<index>/<pointer>`), on duplicate ids, and on an exclusivity group spanning stages
 * (the best-for-customer choice is made inside one stage).
 */
export function compilePromotionSet(valid: readonly Promotion[]): Result<PromotionSet, PricingErrorCode> {
  const checked = checkPromotionList(valid);
  if (!checked.ok) return checked;
  const ordered = [...valid].sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const groupStage = new Map<string, PromotionStage>();
  const promotions: CompiledPromotion[] = [];
  const bySku = new Map<string, CompiledPromotion[]>();
  const byCategory = new Map<string, CompiledPromotion[]>();
  const unscoped: CompiledPromotion[] = [];
  for (const promotion of ordered) {
    const stage = ruleByKind.get(promotion.effect.kind)!.stage;
    const group = promotion.exclusivityGroup;
    if (group !== undefined) {
      const seen = groupStage.get(group);
      if (seen !== undefined && seen !== stage) return err('PRICING_GROUP_MIXES_STAGES', 'exclusivityGroup', { group });
      groupStage.set(group, stage);
    }
    const c = promotion.conditions;
    const scope: LineScope = {
      skuInclude: c.skus?.include && new Set(c.skus.include),
      skuExclude: c.skus?.exclude && new Set(c.skus.exclude),
      categoryInclude: c.categories?.include,
      categoryExclude: c.categories?.exclude,
    };
    const compiled: CompiledPromotion = { promotion, stage, rank: promotions.length, scope };
    promotions.push(compiled);
    if (!scope.skuInclude && !scope.categoryInclude) unscoped.push(compiled);
    for (const sku of scope.skuInclude ?? []) push(bySku, sku, compiled);
    for (const cat of scope.categoryInclude ?? []) push(byCategory, cat, compiled);
  }
  return ok({ promotions, bySku, byCategory, unscoped });
}

/**
 * Candidate promotions of each line: the union of its SKU bucket, its category-prefix buckets and
 * the unscoped list, filtered by scope. Returns, per promotion (in rank order), the indexes of its lines.
 */
export function matchLines(
  set: PromotionSet,
  lines: readonly { readonly sku: string; readonly categoryPath: string }[],
): Map<CompiledPromotion, number[]> {
  // indexed by rank: no hashing per (line, candidate) pair, and ranks sort as plain numbers
  const byRank = new Array<number[] | undefined>(set.promotions.length);
  const touched: number[] = [];
  const add = (candidates: readonly CompiledPromotion[] | undefined, i: number, sku: string, categoryPath: string) => {
    if (!candidates) return;
    for (const p of candidates) {
      const list = byRank[p.rank];
      // a line may reach one promotion through several buckets; lines are visited in order
      if (list !== undefined && list[list.length - 1] === i) continue;
      if (!inScope(p.scope, sku, categoryPath)) continue;
      if (list !== undefined) list.push(i);
      else {
        byRank[p.rank] = [i];
        touched.push(p.rank);
      }
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const { sku, categoryPath } = lines[i];
    add(set.bySku.get(sku), i, sku, categoryPath);
    for (const prefix of categoryPrefixes(categoryPath)) add(set.byCategory.get(prefix), i, sku, categoryPath);
    add(set.unscoped, i, sku, categoryPath);
  }
  touched.sort((a, b) => a - b);
  return new Map(touched.map((rank) => [set.promotions[rank], byRank[rank]!]));
}
