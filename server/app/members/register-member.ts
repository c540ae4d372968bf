import { behaviourPoints, couponsForEvent, earnPoints, setReferrer } from '../../core/loyalty/index.ts';
import { memberCode, normalizePhone, parseMemberCode } from '../../core/members/index.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { inResultTransaction } from '../../adapters/sqlite/database.ts';
import type { MemberRecord } from '../../adapters/sqlite/member.repository.ts';
import { issueCouponTo, writePoints } from '../loyalty/loyalty-ledger.ts';
import type { Loyalty } from '../loyalty/loyalty.ts';
import { loyaltyTime } from '../loyalty/loyalty-time.ts';
import { applyMemberSale } from '../loyalty/member-sale.ts';

export type RegisterInput = {
  phone: string;
  name?: string;
  /** 'MM-DD' or 'YYYY-MM-DD' (only month and day are kept) */
  birthday?: string;
  /** the referrer's member code (their QR) */
  referralCode?: string;
  consent?: { marketing?: boolean; sms?: boolean };
  manualTags?: string[];
  /** a sale just paid without a member: attach it and earn its points in the same transaction */
  saleId?: string;
};

export type Registered = { member: MemberRecord; welcomeCoupons: string[]; pointsEarned: number };

/**
 * 注册会员: one transaction writes the member, the referral link, registration points, the
 * welcome coupon(s) and, with `saleId`, attaches that sale and earns its points (a customer who
 * joins at the lane right after paying).
 */
export function registerMember(l: Loyalty, input: RegisterInput): Result<Registered> {
  const phone = normalizePhone(input.phone);
  if (!phone.ok) return phone;
  const birthday = input.birthday === undefined ? null : input.birthday.slice(-5);
  if (birthday !== null && !/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(birthday))
    return err('MEMBER_BIRTHDAY_INVALID', 'birthday');
  const { ctx, stores, program } = l;
  const t = loyaltyTime(ctx);
  return inResultTransaction(ctx.db, (): Result<Registered> => {
    if (stores.members.byPhone(phone.value)) return err('MEMBER_PHONE_TAKEN', 'phone');
    let referrerId: string | null = null;
    if (input.referralCode !== undefined) {
      const code = parseMemberCode(input.referralCode);
      const referrer = code.ok ? stores.members.byCode(code.value) : undefined;
      if (!referrer) return err('MEMBER_REFERRER_NOT_FOUND', 'referralCode');
      referrerId = referrer.id;
    }
    const serial = stores.counters.reserve('member');
    const store = ctx.repos.store.get()!;
    const id = `${store.id}-${serial}`;
    stores.members.insert({
      serial,
      id,
      code: memberCode(serial),
      phone: phone.value,
      name: input.name ?? '',
      birthday,
      tier: program.tiers().tiers[0].code,
      referrerId: null,
      homeStore: store.id,
      consent: { marketing: input.consent?.marketing ?? false, sms: input.consent?.sms ?? false },
      registeredAt: t.at,
      registeredOn: t.date,
      manualTags: input.manualTags ?? [],
    });
    if (referrerId !== null) linkReferrer(l, id, referrerId);
    const points = behaviourPoints(program.config().points.earn, 'registration');
    writePoints(l, t, (c) =>
      earnPoints(c, {
        memberId: id,
        points,
        today: t.date,
        expiry: program.config().points.earn.expiry,
        reason: 'registration',
      }),
    );
    const welcomeCoupons: string[] = [];
    for (const rule of couponsForEvent(program.config().issuanceRules, { trigger: 'new-member' })) {
      for (let i = 0; i < rule.quantity; i++) {
        const c = issueCouponTo(l, t, id, rule.templateId, { kind: rule.source, refId: rule.ruleId });
        if (c.ok) welcomeCoupons.push(c.value.id);
      }
    }
    let pointsEarned = 0;
    if (input.saleId !== undefined) {
      const attached = attachSale(l, id, input.saleId, t.date);
      if (!attached.ok) return attached;
      pointsEarned = attached.value;
    }
    return ok({ member: stores.members.byId(id)!, welcomeCoupons, pointsEarned });
  });
}

/** 推荐人: refused when it would close a loop (or the member already has one). */
export function linkReferrer(
  l: Loyalty,
  memberId: string,
  referrerId: string,
): Result<{ memberId: string; referrerId: string }> {
  const links = new Map<string, string>();
  const member = l.stores.members.byId(memberId);
  if (!member) return err('MEMBER_NOT_FOUND', 'memberId');
  if (member.referrerId) links.set(memberId, member.referrerId);
  // the referrer's chain upward is all a cycle check needs
  for (
    let m = l.stores.members.byId(referrerId);
    m?.referrerId && !links.has(m.id);
    m = l.stores.members.byId(m.referrerId)
  )
    links.set(m.id, m.referrerId);
  const r = setReferrer(links, memberId, referrerId);
  if (!r.ok) return r;
  if (!l.stores.members.setReferrer(memberId, referrerId)) return err('LOYALTY_REFERRAL_ALREADY_SET', 'memberId');
  return r;
}

/** A sale paid today without a member, attached now: points earned on its stored lines, as at commit. */
function attachSale(l: Loyalty, memberId: string, saleId: string, today: string): Result<number> {
  const sale = l.ctx.repos.sales.byId(saleId);
  if (!sale) return err('MEMBER_SALE_NOT_FOUND', 'saleId', { saleId });
  if (sale.memberId !== null) return err('MEMBER_SALE_HAS_MEMBER', 'saleId', { saleId });
  if (sale.businessDate !== today) return err('MEMBER_SALE_TOO_OLD', 'saleId', { saleId });
  if (!l.stores.sales.attach(saleId, memberId)) return err('MEMBER_SALE_HAS_MEMBER', 'saleId', { saleId });
  const { pointsEarned } = applyMemberSale(l, loyaltyTime(l.ctx), {
    saleId,
    memberId,
    netFen: sale.dueFen,
    lines: l.stores.sales.lines(saleId),
    pointsUsed: 0,
    couponsApplied: [],
    couponTemplatesToIssue: [],
  });
  if (pointsEarned > 0) l.ctx.repos.sales.setPointsEarned(saleId, pointsEarned);
  l.ctx.repos.outbox.append('sale.member_attached', { saleId, memberId, pointsEarned }, loyaltyTime(l.ctx).at);
  return ok(pointsEarned);
}
