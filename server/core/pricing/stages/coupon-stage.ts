import type { Coupon } from '../coupon.ts';
import type { PricingAt } from '../pricing-request.ts';
import type { PricingErrorCode } from '../pricing-error-code.ts';
import { allocate, formatYuan, percentOf, type Fen } from '../../money/index.ts';
import { categoryCovers } from '../conditions/line-scope.ts';
import { applyShares, sumNet, type WorkLine } from '../work-line.ts';

export type CouponApplication = { readonly code: string; readonly templateId: string; readonly amountFen: Fen };
export type CouponRejection = {
  readonly code: string;
  readonly templateId: string;
  readonly reason: PricingErrorCode;
  readonly params: Readonly<Record<string, string | number>>;
};

/** The coupon's scope holds for every kind: a listed SKU or a line under a listed category; no list = every line. */
function inScope(coupon: Coupon, w: WorkLine): boolean {
  const skus = coupon.scope?.skus ?? [];
  const categories = coupon.scope?.categories ?? [];
  if (skus.length === 0 && categories.length === 0) return true;
  return skus.includes(w.line.sku) || categories.some((c) => categoryCovers(c, w.line.categoryPath));
}

/** The lines whose net meets the threshold: those in scope (and, for a category coupon, in its categories). */
function scopedLines(coupon: Coupon, work: readonly WorkLine[]): WorkLine[] {
  const scoped = work.filter((w) => inScope(coupon, w));
  if (coupon.kind === 'categoryAmountOff')
    return scoped.filter((w) => coupon.categories.some((c) => categoryCovers(c, w.line.categoryPath)));
  return scoped;
}

/** The lines the discount goes to: the scoped lines, or the free SKU's counted lines for a free-item coupon. */
function discountedLines(coupon: Coupon, scoped: readonly WorkLine[], work: readonly WorkLine[]): WorkLine[] {
  if (coupon.kind === 'freeItem') return work.filter((w) => w.line.sku === coupon.sku && w.line.unit === 'each');
  return [...scoped];
}

/** What the coupon takes off its lines now (already capped by their net), per line. */
function amountsFor(coupon: Coupon, lines: readonly WorkLine[]): Fen[] {
  const nets = lines.map((w) => w.net);
  const eligible = sumNet(lines);
  switch (coupon.kind) {
    case 'amountOff':
    case 'categoryAmountOff':
      return allocate(Math.min(coupon.amountOffFen, eligible), nets);
    case 'percentOff':
      return allocate(Math.min(percentOf(eligible, coupon.offBp), coupon.capFen ?? eligible), nets);
    case 'freeItem': {
      // the units are free on the first lines holding the SKU, never more than a line's net
      let units = coupon.quantity ?? 1;
      return lines.map((w) => {
        const take = Math.min(units, w.line.quantity);
        units -= take;
        return Math.min(w.net, take * w.line.unitPriceFen);
      });
    }
  }
}

/**
 * Stage 4: coupons in the order given. Each threshold is checked on its lines' net after stages 1–3
 * (`base`), not reduced by earlier coupons; the amount is capped by what is left and allocated to the
 * lines in proportion to their current net. A non-stackable coupon must be the only one applied.
 */
export function applyCoupons(
  coupons: readonly Coupon[],
  work: readonly WorkLine[],
  at: PricingAt,
): { applied: CouponApplication[]; rejected: CouponRejection[] } {
  const base = new Map(work.map((w) => [w, w.net]));
  const applied: CouponApplication[] = [];
  const rejected: CouponRejection[] = [];
  const seen = new Set<string>();
  let onlyNonStackable = false;
  for (const coupon of coupons) {
    const reject = (reason: PricingErrorCode, params: Record<string, string | number> = {}) =>
      rejected.push({
        code: coupon.code,
        templateId: coupon.templateId,
        reason,
        params: { code: coupon.code, ...params },
      });
    if (seen.has(coupon.code)) {
      reject('PRICING_COUPON_DUPLICATE');
      continue;
    }
    seen.add(coupon.code);
    if (coupon.validFrom !== undefined && at.date < coupon.validFrom) {
      reject('PRICING_COUPON_NOT_YET_VALID');
      continue;
    }
    if (coupon.validTo !== undefined && at.date > coupon.validTo) {
      reject('PRICING_COUPON_EXPIRED');
      continue;
    }
    if (applied.length > 0 && (onlyNonStackable || coupon.stackable !== true)) {
      reject('PRICING_COUPON_NOT_STACKABLE');
      continue;
    }
    const scoped = scopedLines(coupon, work);
    const lines = discountedLines(coupon, scoped, work);
    if (scoped.length === 0 || lines.length === 0) {
      reject('PRICING_COUPON_NO_ELIGIBLE_LINES');
      continue;
    }
    const threshold = coupon.thresholdFen ?? 0;
    const baseNet = scoped.reduce((s, w) => s + base.get(w)!, 0);
    if (baseNet < threshold) {
      reject('PRICING_COUPON_THRESHOLD_NOT_MET', { threshold: formatYuan(threshold), amount: formatYuan(baseNet) });
      continue;
    }
    const amounts = amountsFor(coupon, lines);
    const amountFen = amounts.reduce((s, a) => s + a, 0);
    if (amountFen === 0) {
      reject('PRICING_COUPON_NOTHING_TO_DISCOUNT');
      continue;
    }
    applyShares(lines, amounts, 'coupon', { kind: 'coupon', code: coupon.code });
    applied.push({ code: coupon.code, templateId: coupon.templateId, amountFen });
    onlyNonStackable = coupon.stackable !== true;
  }
  return { applied, rejected };
}
