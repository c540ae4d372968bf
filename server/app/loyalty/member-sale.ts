import {
  checkCouponUsable,
  computeSalePoints,
  earnPoints,
  redeemCoupon,
  redeemPoints,
  referralRewardsForSale,
  spendWindowStart,
  tierByCode,
  tierChangedNotice,
  upgradeAtSale,
} from '../../core/loyalty/index.ts';
import { mulDivHalfUp, FULL_BP } from '../../core/money/index.ts';
import type { MemberRecord } from '../../adapters/sqlite/member.repository.ts';
import { netByTopCategory } from './category-spend.ts';
import { issueSalePackets } from './fission-packets.ts';
import { issueCouponTo, notify, storeName, writePoints } from './loyalty-ledger.ts';
import type { Loyalty } from './loyalty.ts';
import type { LoyaltyTime } from './loyalty-time.ts';
import { SaleRefused } from './sale-refused.ts';

/** A committed sale as loyalty reads it: from the priced cart at commit, or from stored lines when a member registers after paying. */
export type MemberSale = {
  saleId: string;
  memberId: string;
  netFen: number;
  lines: ReadonlyArray<{
    lineId: string;
    netFen: number;
    categoryPath: string;
    pointsMultiplierBp: number;
    discounted: boolean;
    /** points of the redemption the pricing engine gave this line (stored with the sale line) */
    pointsRedeemed?: number;
  }>;
  pointsUsed: number;
  couponsApplied: ReadonlyArray<{ code: string; amountFen: number }>;
  couponTemplatesToIssue: ReadonlyArray<{ templateId: string; count: number; promotionId: string }>;
};

/**
 * Everything a member's sale causes, inside the sale transaction: points redeemed (checked against
 * the ledger now: another lane may have spent them since the cashier asked), coupons redeemed
 * (compare-and-set), points earned (tier multiplier × any double-points campaign), tier upgrade,
 * spend recorded (also by top-level category), referral rewards, coupons the promotions issue,
 * fission red packets the rules issue, and their notices.
 * Throws SaleRefused to roll the sale back with a clear code.
 */
export function applyMemberSale(l: Loyalty, t: LoyaltyTime, sale: MemberSale): { pointsEarned: number } {
  const { stores, program } = l;
  const member = stores.members.byId(sale.memberId);
  if (!member) throw new SaleRefused('MEMBER_NOT_FOUND', 'memberId');
  const config = program.config();

  if (sale.pointsUsed > 0) {
    // the pricing engine's allocation, as stored with the sale lines: the refund slip and the restore read it back
    const lines = sale.lines.map((x) => ({ lineId: x.lineId, netFen: x.netFen, points: x.pointsRedeemed }));
    const redeemed = writePoints(l, t, (c) =>
      redeemPoints(stores.points.entriesOf(member.id), c, {
        memberId: member.id,
        points: sale.pointsUsed,
        today: t.date,
        saleId: sale.saleId,
        lines,
      }),
    );
    if (!redeemed.ok) throw new SaleRefused(redeemed.code, 'points', redeemed.params);
  }

  for (const applied of sale.couponsApplied) {
    const coupon = stores.coupons.byId(applied.code);
    if (!coupon) throw new SaleRefused('COUPON_NOT_FOUND', 'code', { code: applied.code });
    const usable = checkCouponUsable(coupon, member.id, t.date, 'code');
    if (!usable.ok) throw new SaleRefused(usable.code, 'code', { ...usable.params, code: applied.code });
    const redeemed = redeemCoupon(coupon, {
      memberId: member.id,
      at: t.at,
      saleId: sale.saleId,
      discountFen: applied.amountFen,
      saleNetFen: sale.netFen,
    });
    if (!redeemed.ok || !stores.coupons.redeem(redeemed.value))
      throw new SaleRefused('LOYALTY_COUPON_USED', 'code', { code: applied.code });
  }

  const tier = tierByCode(program.tiers(), member.tier);
  let multiplierBp = tier.pointsMultiplierBp;
  for (const c of stores.campaigns.activeFor(member.id, t.date))
    if (c.action.kind === 'double-points') multiplierBp = mulDivHalfUp(multiplierBp, c.action.multiplierBp, FULL_BP);
  const earnLines = sale.lines.map((x) => ({
    lineId: x.lineId,
    netFen: x.netFen,
    categoryPath: x.categoryPath.split('/'),
    pointsMultiplierBp: x.pointsMultiplierBp,
  }));
  const computed = computeSalePoints(
    config.points.earn,
    { lines: earnLines, weekday: t.weekday, localMinute: t.minute },
    multiplierBp,
  );
  const earned = writePoints(l, t, (c) =>
    earnPoints(c, {
      memberId: member.id,
      points: computed.points,
      today: t.date,
      expiry: config.points.earn.expiry,
      reason: 'sale',
      saleId: sale.saleId,
      lines: computed.lines,
    }),
  );
  if (!earned.ok) throw new Error(`earn failed: ${earned.code}`);

  upgradeTier(l, t, member, sale);
  const discountedFen = sale.lines.reduce((s, x) => s + (x.discounted ? x.netFen : 0), 0);
  stores.members.recordPurchase(member.serial, t.date, sale.netFen, discountedFen);
  for (const [category, fen] of netByTopCategory(sale.lines))
    stores.categorySpend.add(member.serial, t.date, category, fen);
  payReferralRewards(l, t, member, sale);

  for (const issue of sale.couponTemplatesToIssue) {
    for (let i = 0; i < issue.count; i++) {
      // a template the programme does not know, or a limit reached, skips the gift; it never blocks the sale
      issueCouponTo(l, t, member.id, issue.templateId, { kind: 'next-visit', refId: sale.saleId });
    }
  }
  issueSalePackets(l, t, member.id, sale.saleId, sale.netFen);
  return { pointsEarned: computed.points };
}

function upgradeTier(l: Loyalty, t: LoyaltyTime, member: MemberRecord, sale: MemberSale): void {
  const table = l.program.tiers();
  const spendBefore = l.stores.members.spendBetween(member.serial, spendWindowStart(table, t.date), t.date);
  const next = upgradeAtSale(table, member.tier, spendBefore, sale.netFen);
  if (!next) return;
  changeTier(l, t, member, next.code, 'sale', spendBefore + sale.netFen, sale.saleId);
}

export function changeTier(
  l: Loyalty,
  t: LoyaltyTime,
  member: Pick<MemberRecord, 'id' | 'tier'>,
  toCode: string,
  reason: 'sale' | 'nightly' | 'manual',
  spendFen: number,
  saleId?: string,
): void {
  const table = l.program.tiers();
  l.stores.members.setTier(member.id, toCode);
  const changeId = l.stores.tiers.insert({
    memberId: member.id,
    fromCode: member.tier,
    toCode,
    reason,
    spendFen,
    at: t.at,
    ...(saleId ? { saleId } : {}),
  });
  const to = tierByCode(table, toCode);
  notify(
    l,
    tierChangedNotice({
      memberId: member.id,
      at: t.at,
      storeName: storeName(l),
      fromName: tierByCode(table, member.tier).name,
      toName: to.name,
      discountBp: to.discountBp,
      changeId: String(changeId),
    }),
  );
}

function payReferralRewards(l: Loyalty, t: LoyaltyTime, member: MemberRecord, sale: MemberSale): void {
  const rule = l.program.config().referral;
  if (!rule || !member.referrerId) return;
  const links = new Map<string, string>([[member.id, member.referrerId]]);
  const parent = l.stores.members.byId(member.referrerId);
  if (parent?.referrerId) links.set(parent.id, parent.referrerId);
  const beneficiaries = [...links.values()];
  const rewards = referralRewardsForSale(rule, links, l.stores.referrals.ofBeneficiaries(beneficiaries), {
    memberId: member.id,
    saleId: sale.saleId,
    netFen: sale.netFen,
    isFirstPurchase: member.orderCount === 0,
    at: t.at,
  });
  for (const r of rewards) {
    l.stores.referrals.insert(r);
    if (r.points > 0)
      writePoints(l, t, (c) =>
        earnPoints(c, {
          memberId: r.beneficiaryId,
          points: r.points,
          today: t.date,
          expiry: l.program.config().points.earn.expiry,
          reason: `referral:${r.kind}:${sale.saleId}`,
        }),
      );
    if (r.templateId) issueCouponTo(l, t, r.beneficiaryId, r.templateId, { kind: 'referral', refId: sale.saleId });
  }
}
