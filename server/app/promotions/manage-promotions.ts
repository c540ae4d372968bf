import type { Promotion } from '../../contracts/pricing/promotion.schema.ts';
import { compilePromotions, validatePromotion } from '../pricing/pricing-input.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { PricingService } from '../pricing/pricing-service.ts';
import type { StoredPromotion } from '../ports/promotion-store.port.ts';
import type { StoreContext } from '../store-context.ts';
import { dottedField } from '../catalog/manage-products.ts';

export type PromotionDeps = { ctx: StoreContext; pricing: PricingService };

/**
 * A promotion from the console, checked twice: on its own (validatePromotion: shape, then
 * contradictions such as 满100减100) and together with every other active promotion
 * (compilePromotions: e.g. an exclusivity group spanning stages), so the stored set always compiles.
 */
function check(deps: PromotionDeps, input: unknown, active: boolean): Result<Promotion> {
  const valid = validatePromotion(input);
  if (!valid.ok) return err(valid.code, dottedField(valid.field ?? '/'), valid.params);
  if (!active) return ok(valid.value);
  const others = deps.ctx.repos.promotions
    .list()
    .filter((p) => p.active && p.id !== valid.value.id)
    .map((p) => p.definition);
  const compiled = compilePromotions([...others, valid.value]);
  if (!compiled.ok)
    return err(
      compiled.code,
      compiled.field?.startsWith('/') ? dottedField(compiled.field.replace(/^\/\d+/, '')) : compiled.field,
      compiled.params,
    );
  return ok(valid.value);
}

/** The stored row, the audit entry and the pricing cache move together. */
function save(
  deps: PromotionDeps,
  actor: string,
  action: string,
  promotion: Promotion,
  active: boolean,
  detail: Record<string, unknown>,
): StoredPromotion {
  const { ctx } = deps;
  const at = ctx.clock.now().toISOString();
  ctx.tx.run(() => {
    ctx.repos.promotions.upsert(promotion.id, promotion, active, at, actor);
    ctx.repos.audit.append({ at, actor, action, subject: promotion.id, detail });
  });
  deps.pricing.invalidate();
  return ctx.repos.promotions.get(promotion.id)!;
}

export function createPromotion(deps: PromotionDeps, actor: string, input: unknown): Result<StoredPromotion> {
  const checked = check(deps, input, true);
  if (!checked.ok) return checked;
  if (deps.ctx.repos.promotions.get(checked.value.id)) return err('PROMOTION_ID_TAKEN', 'id', { id: checked.value.id });
  return ok(save(deps, actor, 'promotion.created', checked.value, true, { definition: checked.value }));
}

/** Replaces a promotion's definition; it keeps its active flag. */
export function updatePromotion(
  deps: PromotionDeps,
  actor: string,
  id: string,
  input: unknown,
): Result<StoredPromotion> {
  const current = deps.ctx.repos.promotions.get(id);
  if (!current) return err('PROMOTION_NOT_FOUND', 'id', { id });
  const body = input !== null && typeof input === 'object' && !Array.isArray(input) ? { id, ...input } : input;
  if ((body as { id?: unknown }).id !== id)
    return err('PROMOTION_ID_MISMATCH', 'id', { id: String((body as { id?: unknown }).id) });
  const checked = check(deps, body, current.active);
  if (!checked.ok) return checked;
  return ok(
    save(deps, actor, 'promotion.updated', checked.value, current.active, {
      from: current.definition,
      to: checked.value,
    }),
  );
}

/** Activating re-checks the promotion against the active set; deactivating always succeeds. */
export function setPromotionActive(
  deps: PromotionDeps,
  actor: string,
  id: string,
  active: boolean,
): Result<StoredPromotion> {
  const current = deps.ctx.repos.promotions.get(id);
  if (!current) return err('PROMOTION_NOT_FOUND', 'id', { id });
  if (current.active === active) return ok(current);
  const checked = check(deps, current.definition, active);
  if (!checked.ok) return checked;
  return ok(save(deps, actor, active ? 'promotion.activated' : 'promotion.deactivated', checked.value, active, {}));
}
