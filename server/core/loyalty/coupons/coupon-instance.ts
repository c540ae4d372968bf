import type { Fen } from '../../money/index.ts';
import { err, ok, type Result } from '../../result.ts';
import { addDays, localDateOf, type IsoDate } from '../calendar.ts';
import { couponWindow, type CouponTemplate } from './coupon-template.ts';

export type CouponStatus = 'issued' | 'redeemed' | 'restored' | 'expired';

export type CouponSourceKind = 'manual' | 'campaign' | 'welcome' | 'next-visit' | 'referral' | 'birthday' | 'fission';

export type CouponInstance = {
  readonly id: string;
  readonly templateId: string;
  readonly memberId: string;
  readonly status: CouponStatus;
  readonly issuedAt: string;
  readonly validFrom: IsoDate;
  readonly validTo: IsoDate;
  readonly source: { readonly kind: CouponSourceKind; readonly refId?: string };
  /** fission shares carry their own amount, overriding the template's amountFen */
  readonly faceValueFen?: Fen;
  readonly redeemedAt?: string;
  readonly saleId?: string;
  /** the discount the pricing engine gave, and the sale's net: for cost and sales-driven figures */
  readonly discountFen?: Fen;
  readonly saleNetFen?: Fen;
  readonly restoredAt?: string;
  readonly expiredOn?: IsoDate;
};

/** issued → redeemed → restored → redeemed …; issued / restored → expired. Nothing leaves expired. */
const NEXT: Readonly<Record<CouponStatus, readonly CouponStatus[]>> = {
  issued: ['redeemed', 'expired'],
  redeemed: ['restored'],
  restored: ['redeemed', 'expired'],
  expired: [],
};

export function canTransition(from: CouponStatus, to: CouponStatus): boolean {
  return NEXT[from].includes(to);
}

export type IssueCounts = { readonly issuedTotal: number; readonly issuedToMember: number };

export function issueCoupon(
  template: CouponTemplate,
  cmd: {
    readonly id: string;
    readonly memberId: string;
    readonly at: string;
    readonly source: CouponInstance['source'];
    readonly faceValueFen?: Fen;
  },
  counts: IssueCounts,
): Result<CouponInstance, 'LOYALTY_COUPON_ISSUE_LIMIT' | 'LOYALTY_COUPON_MEMBER_LIMIT' | 'LOYALTY_COUPON_EXPIRED'> {
  if (template.issueLimit !== undefined && counts.issuedTotal >= template.issueLimit)
    return err('LOYALTY_COUPON_ISSUE_LIMIT', 'templateId');
  if (template.perMemberLimit !== undefined && counts.issuedToMember >= template.perMemberLimit) {
    return err('LOYALTY_COUPON_MEMBER_LIMIT', 'memberId', { limit: template.perMemberLimit });
  }
  const today = localDateOf(cmd.at);
  const { validFrom, validTo } = couponWindow(template.validity, today);
  if (validTo < today) return err('LOYALTY_COUPON_EXPIRED', 'templateId');
  return ok({
    id: cmd.id,
    templateId: template.id,
    memberId: cmd.memberId,
    status: 'issued',
    issuedAt: cmd.at,
    validFrom,
    validTo,
    source: cmd.source,
    ...(cmd.faceValueFen === undefined ? {} : { faceValueFen: cmd.faceValueFen }),
  });
}

export type CouponUseError =
  'LOYALTY_COUPON_NOT_OWNER' | 'LOYALTY_COUPON_USED' | 'LOYALTY_COUPON_EXPIRED' | 'LOYALTY_COUPON_NOT_YET_VALID';

/** The instance-level eligibility the lane checks before pricing applies the effect. */
export function checkCouponUsable(
  c: CouponInstance,
  memberId: string,
  today: IsoDate,
  field = 'couponId',
): Result<CouponInstance, CouponUseError> {
  if (c.memberId !== memberId) return err('LOYALTY_COUPON_NOT_OWNER', field);
  if (c.status === 'redeemed') return err('LOYALTY_COUPON_USED', field);
  if (c.status === 'expired' || today > c.validTo) return err('LOYALTY_COUPON_EXPIRED', field);
  if (today < c.validFrom) return err('LOYALTY_COUPON_NOT_YET_VALID', field, { validFrom: c.validFrom });
  return ok(c);
}

/** Every coupon offered on one sale: each usable, and no template used more than its perSaleLimit. */
export function checkCouponsForSale(
  coupons: readonly CouponInstance[],
  templates: ReadonlyMap<string, CouponTemplate>,
  memberId: string,
  today: IsoDate,
): Result<readonly CouponInstance[], CouponUseError | 'LOYALTY_COUPON_SALE_LIMIT'> {
  const perTemplate = new Map<string, number>();
  for (let i = 0; i < coupons.length; i++) {
    const c = coupons[i];
    const usable = checkCouponUsable(c, memberId, today, `coupons[${i}]`);
    if (!usable.ok) return usable;
    const n = (perTemplate.get(c.templateId) ?? 0) + 1;
    perTemplate.set(c.templateId, n);
    const limit = templates.get(c.templateId)?.perSaleLimit ?? 1;
    if (n > limit || coupons.findIndex((o) => o.id === c.id) !== i)
      return err('LOYALTY_COUPON_SALE_LIMIT', `coupons[${i}]`, { limit });
  }
  return ok(coupons);
}

export function redeemCoupon(
  c: CouponInstance,
  cmd: {
    readonly memberId: string;
    readonly at: string;
    readonly saleId: string;
    readonly discountFen: Fen;
    readonly saleNetFen: Fen;
  },
): Result<CouponInstance, CouponUseError> {
  const usable = checkCouponUsable(c, cmd.memberId, localDateOf(cmd.at));
  if (!usable.ok) return usable;
  return ok({
    ...c,
    status: 'redeemed',
    redeemedAt: cmd.at,
    saleId: cmd.saleId,
    discountFen: cmd.discountFen,
    saleNetFen: cmd.saleNetFen,
  });
}

/**
 * On refund of the sale that used the coupon, by the template's policy. A restored coupon keeps its
 * original window: past it, the next expiry run expires it.
 */
export function restoreCoupon(
  c: CouponInstance,
  template: CouponTemplate,
  cmd: { readonly at: string; readonly fullRefund: boolean },
): Result<CouponInstance, 'LOYALTY_COUPON_NOT_RESTORABLE'> {
  const allowed =
    template.restorePolicy === 'any-refund' || (template.restorePolicy === 'full-refund' && cmd.fullRefund);
  if (!allowed || !canTransition(c.status, 'restored')) return err('LOYALTY_COUPON_NOT_RESTORABLE', 'couponId');
  const { redeemedAt: _r, saleId: _s, discountFen: _d, saleNetFen: _n, ...rest } = c;
  return ok({ ...rest, status: 'restored', restoredAt: cmd.at });
}

/** Nightly: the issued or restored instances past their last day, as expired. */
export function expireCoupons(coupons: Iterable<CouponInstance>, today: IsoDate): CouponInstance[] {
  const out: CouponInstance[] = [];
  for (const c of coupons)
    if ((c.status === 'issued' || c.status === 'restored') && c.validTo < today)
      out.push({ ...c, status: 'expired', expiredOn: today });
  return out;
}

/** Usable coupons whose last day falls within `withinDays` days from today (您有1张满100减20券即将过期). */
export function couponsExpiringSoon(
  coupons: Iterable<CouponInstance>,
  today: IsoDate,
  withinDays: number,
): CouponInstance[] {
  const last = addDays(today, withinDays - 1);
  const out: CouponInstance[] = [];
  for (const c of coupons)
    if ((c.status === 'issued' || c.status === 'restored') && c.validTo >= today && c.validTo <= last) out.push(c);
  return out;
}
