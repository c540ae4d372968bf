import type { PromotionsPush, PushProblem } from '../../contracts/uplink/uplink-push.schema.ts';
import { compilePromotions, validatePromotion } from '../pricing/pricing-input.ts';
import type { Promotion } from '../../contracts/pricing/promotion.schema.ts';
import { dottedField } from '../catalog/manage-products.ts';
import type { HqPushStore } from '../ports/hq-push-store.port.ts';
import type { Repositories, StoreContext } from '../store-context.ts';
import { HQ_ACTOR } from './apply-catalog-push.ts';
import { pushOnce, refused, type PushOutcome } from './push-once.ts';

export type PromotionsPushDeps = Pick<StoreContext, 'tx' | 'clock' | 'secrets'> & {
  repos: Pick<Repositories, 'promotions' | 'audit'>;
  pushes: HqPushStore;
};

/**
 * Promotions pushed by HQ, checked as the console's are (manage-promotions.ts): each by core
 * validatePromotion, then the resulting active set by compilePromotions, so the stored set always
 * compiles. Every problem is reported; any problem refuses the whole push. The writes, one audit
 * entry and the push record share one transaction. The caller invalidates the pricing service.
 */
export function applyPromotionsPush(deps: PromotionsPushDeps, push: PromotionsPush): PushOutcome {
  const at = deps.clock.now().toISOString();
  return pushOnce(
    deps,
    'promotions',
    push.pushId,
    { promotions: push.promotions, deactivate: push.deactivate ?? [] },
    at,
    () => {
      const problems: PushProblem[] = [];
      const valid: Promotion[] = [];
      const ids = new Set<string>();
      push.promotions.forEach((input, index) => {
        const r = validatePromotion(input);
        if (!r.ok) {
          problems.push({
            index,
            field: dottedField(r.field ?? '/'),
            code: r.code,
            reason: String(r.params?.reason ?? r.code),
          });
          return;
        }
        if (ids.has(r.value.id))
          problems.push({
            index,
            field: 'id',
            code: 'PRICING_DUPLICATE_PROMOTION_ID',
            reason: `id ${r.value.id} appears twice in the push`,
          });
        ids.add(r.value.id);
        valid.push(r.value);
      });
      const deactivate = push.deactivate ?? [];
      deactivate.forEach((id, index) => {
        if (ids.has(id))
          problems.push({ field: `deactivate.${index}`, reason: `${id} is both pushed and deactivated` });
        else if (!deps.repos.promotions.get(id))
          problems.push({ field: `deactivate.${index}`, code: 'PROMOTION_NOT_FOUND', reason: `no promotion ${id}` });
      });
      if (problems.length > 0) return refused(problems);

      const off = new Set(deactivate);
      const stored = deps.repos.promotions.list();
      const others = stored.filter((p) => p.active && !ids.has(p.id) && !off.has(p.id)).map((p) => p.definition);
      const compiled = compilePromotions([...valid, ...others]);
      if (!compiled.ok) {
        // the set's field is /<index>/…: name the pushed promotion when the index is one of them
        const m = /^\/(\d+)(.*)$/.exec(compiled.field ?? '');
        const index = m && Number(m[1]) < valid.length ? Number(m[1]) : undefined;
        return refused([
          {
            ...(index === undefined ? {} : { index }),
            field: m ? dottedField(m[2] || '/') : 'promotions',
            code: compiled.code,
            reason: String(compiled.params?.reason ?? compiled.code),
          },
        ]);
      }

      const byId = new Map(stored.map((p) => [p.id, p]));
      let created = 0;
      let updated = 0;
      let unchanged = 0;
      for (const promotion of valid) {
        const before = byId.get(promotion.id);
        if (!before) created++;
        else if (before.active && JSON.stringify(before.definition) === JSON.stringify(promotion)) {
          unchanged++;
          continue;
        } else updated++;
        deps.repos.promotions.upsert(promotion.id, promotion, true, at, HQ_ACTOR);
      }
      let deactivated = 0;
      for (const id of deactivate)
        if (byId.get(id)?.active && deps.repos.promotions.setActive(id, false, at, HQ_ACTOR)) deactivated++;
      deps.repos.audit.append({
        at,
        actor: HQ_ACTOR,
        action: 'promotions.pushed',
        subject: push.pushId,
        detail: { ids: valid.map((p) => p.id), deactivate, created, updated, unchanged, deactivated },
      });
      return { ok: true, value: { created, updated, unchanged, deactivated } };
    },
  );
}
