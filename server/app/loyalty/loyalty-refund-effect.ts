import { MemberSpendRepository } from '../../adapters/sqlite/member-spend.repository.ts';
import {
  clawbackForRefund,
  restoreCoupon,
  restoreForRefund,
  type PointsEntry,
  type RefundLine,
  type RestoreCommand,
  type StoredValueEntry,
} from '../../core/loyalty/index.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { RefundEffect, RefundEffectInput } from '../returns/refund-effect.ts';
import { netByTopCategory } from './category-spend.ts';
import { writePoints } from './loyalty-ledger.ts';
import type { Loyalty } from './loyalty.ts';
import { loyaltyTime, type LoyaltyTime } from './loyalty-time.ts';
import { creditRefundToBalance } from './stored-value-refund.ts';
import { refundStoredValue } from './stored-value.ts';

/** What one refund did to the member's loyalty account: the HQ fact `loyalty.refund` carries it. */
export type LoyaltyRefund = {
  refundId: string;
  saleId: string;
  memberId: string;
  points: PointsEntry[];
  couponsRestored: string[];
  storedValue: StoredValueEntry[];
  spend: { date: string; netFen: number; discountedFen: number; orders: 0 | 1 };
};

/** The discount kinds that make a line 'discounted' for the price-sensitive tag (as loyaltySaleEffect counts them). */
const DISCOUNTED_BY: readonly string[] = ['promotion', 'coupon'];

/**
 * The loyalty side of a refund, inside the refund's transaction (docs/loyalty.md, "Refunds"):
 * redeemed points given back by the programme's policy, earned points clawed back, coupons restored
 * by their template's policy, stored value paid back (to its principal/bonus buckets, or, by a
 * supervisor's `refundTo: 'stored_value'`, credited as principal), the member's spend lowered, and
 * one outbox row. An error result rolls the whole refund back.
 */
export function loyaltyRefundEffect(l: Loyalty): RefundEffect {
  const spend = new MemberSpendRepository(l.ctx.db);
  return {
    name: 'loyalty',
    slipLines(input): string[] {
      // the same restore `apply` writes (same entries, same command), computed without writing
      if (!input.sale.memberId) return [];
      const t = loyaltyTime(l.ctx);
      const restore = restoreForRefund(
        l.stores.points.entriesOf(input.sale.memberId),
        { storeId: '', sequence: 0, at: t.at },
        restoreCommand(l, t, input, input.sale.memberId),
      );
      const points = restore.ok ? restore.value.reduce((s, e) => s + e.points, 0) : 0;
      return points > 0 ? [`退还积分 ${points} / Points restored ${points}`] : [];
    },
    apply(input: RefundEffectInput): Result<LoyaltyRefund | null> {
      const { refund, sale } = input;
      if (!sale.memberId)
        return refund.refundTo === 'stored_value'
          ? err('RETURN_REFUND_TARGET_UNAVAILABLE', 'refundTo', { target: '储值' })
          : ok(null);
      const member = l.stores.members.byId(sale.memberId);
      if (!member) throw new Error(`sale ${sale.id} names unknown member ${sale.memberId}`);
      const t = loyaltyTime(l.ctx);

      const points = refundPoints(l, t, input, member.id);
      if (!points.ok) return points;
      const couponsRestored = restoreCoupons(l, t, input, member.id);
      const storedValue = refundTenders(l, t, input, member.id);
      if (!storedValue.ok) return storedValue;

      let discountedFen = 0;
      for (const x of input.lines)
        if (x.shares.some((s) => DISCOUNTED_BY.includes(s.sourceKind))) discountedFen += x.netFen;
      const orders = input.fullRefund ? 1 : 0;
      spend.refund(member.serial, sale.businessDate, refund.refundFen, discountedFen, orders);
      lowerCategorySpend(l, input, member.serial);

      const fact: LoyaltyRefund = {
        refundId: refund.id,
        saleId: sale.id,
        memberId: member.id,
        points: points.value,
        couponsRestored,
        storedValue: storedValue.value,
        spend: { date: sale.businessDate, netFen: refund.refundFen, discountedFen, orders },
      };
      l.ctx.repos.outbox.append('loyalty.refund', fact, t.at);
      return ok(fact);
    },
  };
}

/**
 * Redeemed points first (so the clawback may take from them rather than write off a shortfall),
 * then the earned points. Both read the refunded net per line cumulatively, so however the sale is
 * returned the totals are exactly what the sale redeemed and earned.
 */
function refundPoints(l: Loyalty, t: LoyaltyTime, input: RefundEffectInput, memberId: string): Result<PointsEntry[]> {
  const command = restoreCommand(l, t, input, memberId);
  const restored = writePoints(l, t, (c) => restoreForRefund(l.stores.points.entriesOf(memberId), c, command));
  if (!restored.ok) return restored;
  const ids = { memberId, saleId: input.sale.id, refundId: input.refund.id, lines: command.lines };
  const clawed = writePoints(l, t, (c) => clawbackForRefund(l.stores.points.entriesOf(memberId), c, ids));
  if (!clawed.ok) return clawed;
  return ok([...restored.value, ...clawed.value]);
}

/**
 * The restore of the refunded lines' redeemed points: each line states the points its units carry,
 * sliced from the allocation stored with the sale line (what the refund slip prints); a sale from
 * before that column (null) lets the core re-derive them from the refunded net.
 */
function restoreCommand(
  l: Loyalty,
  t: LoyaltyTime,
  input: Pick<RefundEffectInput, 'sale' | 'lines'> & { refund?: { id: string } },
  memberId: string,
): RestoreCommand {
  const config = l.program.config();
  const lines: RefundLine[] = input.lines.map((x) => ({
    lineId: x.lineId,
    refundedNetFen: x.netFen,
    ...(x.pointsRestored === null ? {} : { redeemedPoints: x.pointsRestored }),
  }));
  return {
    memberId,
    saleId: input.sale.id,
    refundId: input.refund?.id ?? '',
    lines,
    policy: config.points.restoreRedeemedOnRefund,
    today: t.date,
    expiry: config.points.earn.expiry,
  };
}

/** Coupons the sale redeemed, restored when their template's policy allows it for this refund (default 'full-refund'). */
function restoreCoupons(l: Loyalty, t: LoyaltyTime, input: RefundEffectInput, memberId: string): string[] {
  const restored: string[] = [];
  for (const c of l.stores.coupons.ofMember(memberId)) {
    if (c.saleId !== input.sale.id || c.status !== 'redeemed') continue;
    const template = l.program.template(c.templateId);
    if (!template) continue; // a template removed from the programme since: the coupon stays used
    const next = restoreCoupon(c, template, { at: t.at, fullRefund: input.fullRefund });
    if (next.ok && l.stores.coupons.restore(c.id, t.at)) restored.push(c.id);
  }
  return restored;
}

/**
 * Refund tenders going to stored value: a stored-value payment goes back into the buckets it drew
 * from; any other payment sent to stored value by a supervisor is credited as principal (it is the
 * customer's money).
 */
function refundTenders(
  l: Loyalty,
  t: LoyaltyTime,
  input: RefundEffectInput,
  memberId: string,
): Result<StoredValueEntry[]> {
  const out: StoredValueEntry[] = [];
  for (const tender of input.tenders) {
    if (tender.kind !== 'stored_value') continue;
    const paidByStoredValue =
      tender.tenderId !== null && l.stores.storedValue.byRef(tender.tenderId).some((e) => e.kind === 'pay');
    const r =
      paidByStoredValue && tender.tenderId !== null
        ? refundStoredValue(l, {
            memberId,
            tenderId: tender.tenderId,
            amountFen: tender.amountFen,
            refundId: input.refund.id,
          })
        : creditRefundToBalance(l, t, { memberId, amountFen: tender.amountFen, refundTenderId: tender.id });
    if (!r.ok) return r;
    out.push(r.value);
  }
  return ok(out);
}

/** The refunded lines' net leaves the member's category spend on the sale's day, as it leaves member_spend_day. */
function lowerCategorySpend(l: Loyalty, input: RefundEffectInput, serial: number): void {
  const pathOf = new Map(l.stores.sales.lines(input.sale.id).map((x) => [x.lineId, x.categoryPath]));
  const refunded = input.lines.map((x) => ({ categoryPath: pathOf.get(x.lineId) ?? '', netFen: x.netFen }));
  for (const [category, fen] of netByTopCategory(refunded))
    l.stores.categorySpend.add(serial, input.sale.businessDate, category, -fen);
}
