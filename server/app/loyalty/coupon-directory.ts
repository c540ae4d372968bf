import type { Coupon } from '../../contracts/pricing/coupon.schema.ts';
import { checkCouponUsable, type CouponInstance, type CouponTemplate } from '../../core/loyalty/index.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { CouponDirectory } from '../checkout/lane-service.ts';
import type { Loyalty } from './loyalty.ts';
import { loyaltyTime } from './loyalty-time.ts';

/**
 * A coupon instance as the pricing engine takes it: the template's effect, the instance's code and
 * window, and the template's scope (SKUs and/or category paths) on every kind, so an amount-off,
 * percent-off or free-item coupon touches only the lines in scope.
 */
export function toPricingCoupon(c: CouponInstance, t: CouponTemplate): Coupon {
  const skus = [...t.scope.skus];
  const categories = t.scope.categoryPaths.map((p) => p.join('/'));
  const common = {
    code: c.id,
    templateId: t.id,
    name: { zh: t.name, en: t.name },
    validFrom: c.validFrom,
    validTo: c.validTo,
    ...(skus.length > 0 || categories.length > 0
      ? { scope: { ...(skus.length > 0 ? { skus } : {}), ...(categories.length > 0 ? { categories } : {}) } }
      : {}),
  };
  const e = t.effect;
  if (e.kind === 'free-item')
    return { ...common, kind: 'freeItem', sku: e.sku, ...(e.thresholdFen > 0 ? { thresholdFen: e.thresholdFen } : {}) };
  if (e.kind === 'percent-off')
    return {
      ...common,
      kind: 'percentOff',
      offBp: 10_000 - e.payBp,
      thresholdFen: e.thresholdFen,
      ...(e.maxOffFen ? { capFen: e.maxOffFen } : {}),
    };
  return { ...common, kind: 'amountOff', thresholdFen: e.thresholdFen, amountOffFen: c.faceValueFen ?? e.amountFen };
}

/** The lane's coupon port: a scanned code, checked for owner and window; the member's usable coupons for automatic choice. */
export function loyaltyCouponDirectory(l: Loyalty): CouponDirectory & { forMember(memberId: string): Coupon[] } {
  return {
    byCode(code: string, memberId: string | undefined): Result<Coupon> {
      const c = l.stores.coupons.byId(code.trim());
      if (!c) return err('COUPON_NOT_FOUND', 'code', { code });
      if (!memberId) return err('MEMBER_REQUIRED', 'code');
      const usable = checkCouponUsable(c, memberId, loyaltyTime(l.ctx).date, 'code');
      if (!usable.ok) return usable;
      const template = l.program.template(c.templateId);
      if (!template) return err('COUPON_TEMPLATE_UNKNOWN', 'code', { templateId: c.templateId });
      return ok(toPricingCoupon(c, template));
    },
    forMember(memberId: string): Coupon[] {
      const out: Coupon[] = [];
      for (const c of l.stores.coupons.usableOf(memberId, loyaltyTime(l.ctx).date)) {
        const template = l.program.template(c.templateId);
        if (template) out.push(toPricingCoupon(c, template));
      }
      return out;
    },
  };
}
