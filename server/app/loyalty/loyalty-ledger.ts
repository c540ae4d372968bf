import {
  couponIssuedNotice,
  issueCoupon,
  pointsEarnedNotice,
  type CouponInstance,
  type EntryContext,
  type NotificationRecord,
  type PointsEntry,
} from '../../core/loyalty/index.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Loyalty } from './loyalty.ts';
import type { LoyaltyTime } from './loyalty-time.ts';

/** HQ delivers these (WeChat template message / SMS); written in the same transaction as the event. */
/** Offers and nudges to spend: sent only to members who agreed to marketing. Points and tier notices are service messages. */
const MARKETING_NOTICES: ReadonlySet<NotificationRecord['kind']> = new Set([
  'coupon-issued',
  'coupon-expiring',
  'birthday',
  'fission-packet',
]);

/**
 * Writes a member notice to the outbox for HQ to deliver, honouring the member's consent flags:
 * a marketing notice to a member without marketing consent is not written at all, and `channels`
 * tells HQ whether it may also send an SMS.
 */
export function notify(l: Loyalty, record: NotificationRecord): void {
  const consent = l.stores.members.byId(record.memberId)?.consent ?? { marketing: false, sms: false };
  if (MARKETING_NOTICES.has(record.kind) && !consent.marketing) return;
  l.ctx.repos.outbox.append(
    'member.notification',
    { ...record, channels: { wechat: true, sms: consent.sms } },
    record.createdAt,
  );
}

export function storeName(l: Loyalty): string {
  return l.ctx.repos.store.get()?.nameZh ?? '';
}

/**
 * Runs a core command that returns ledger entries, with ids from the 'points' counter, appends
 * them and moves the cached balances. Must run inside a transaction (peek, then reserve).
 */
export function writePoints<C extends string>(
  l: Loyalty,
  t: LoyaltyTime,
  command: (ctx: EntryContext) => Result<PointsEntry[], C>,
  notifyEarn = true,
): Result<PointsEntry[], C> {
  const storeId = l.ctx.repos.store.get()!.id;
  const sequence = l.stores.counters.peek('points');
  const result = command({ storeId, sequence, at: t.at });
  if (!result.ok || result.value.length === 0) return result;
  const first = l.stores.counters.reserve('points', result.value.length);
  if (first !== sequence) throw new Error(`points counter moved under a transaction: ${first} ≠ ${sequence}`);
  result.value.forEach((e, i) => {
    l.stores.points.append(sequence + i, e);
    l.stores.members.addPoints(e.memberId, e.points);
    if (notifyEarn && e.kind === 'earn') {
      const balance = l.stores.members.byId(e.memberId)!.pointsBalance;
      notify(
        l,
        pointsEarnedNotice({
          memberId: e.memberId,
          at: t.at,
          storeName: storeName(l),
          entryId: e.id,
          points: e.points,
          balance,
        }),
      );
    }
  });
  return result;
}

export type IssueError =
  'COUPON_TEMPLATE_UNKNOWN' | 'LOYALTY_COUPON_ISSUE_LIMIT' | 'LOYALTY_COUPON_MEMBER_LIMIT' | 'LOYALTY_COUPON_EXPIRED';

/** Issues one coupon instance (code `${storeId}-C${serial}`) with its notice. Inside a transaction. */
export function issueCouponTo(
  l: Loyalty,
  t: LoyaltyTime,
  memberId: string,
  templateId: string,
  source: CouponInstance['source'],
  faceValueFen?: number,
): Result<CouponInstance, IssueError> {
  const template = l.program.template(templateId);
  if (!template) return err('COUPON_TEMPLATE_UNKNOWN', 'templateId', { templateId });
  const storeId = l.ctx.repos.store.get()!.id;
  const id = `${storeId}-C${l.stores.counters.peek('coupon')}`;
  const issued = issueCoupon(
    template,
    { id, memberId, at: t.at, source, ...(faceValueFen === undefined ? {} : { faceValueFen }) },
    l.stores.coupons.issueCounts(templateId, memberId),
  );
  if (!issued.ok) return issued;
  l.stores.counters.reserve('coupon');
  l.stores.coupons.insert(issued.value);
  notify(
    l,
    couponIssuedNotice({
      memberId,
      at: t.at,
      storeName: storeName(l),
      couponId: id,
      couponName: template.name,
      validFrom: issued.value.validFrom,
      validTo: issued.value.validTo,
    }),
  );
  return ok(issued.value);
}
