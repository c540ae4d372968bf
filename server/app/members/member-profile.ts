import {
  adjustPoints,
  behaviourPoints,
  earnPoints,
  lotsOf,
  referralTree,
  transferPoints,
  type PointsEntry,
} from '../../core/loyalty/index.ts';
import { normalizePhone } from '../../core/members/index.ts';
import { inResultTransaction } from '../../adapters/sqlite/database.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { writePoints } from '../loyalty/loyalty-ledger.ts';
import type { Loyalty } from '../loyalty/loyalty.ts';
import { loyaltyTime } from '../loyalty/loyalty-time.ts';
import { memberSummary, type MemberSummary } from './member-directory.ts';

/**
 * Lookup for the console and the lane: an 11-digit phone or a member code gives the one member,
 * 4 digits the members whose phone ends so (a short list, phones masked).
 */
export function lookupMembers(
  l: Loyalty,
  q: { phone?: string; suffix?: string; code?: string },
): Result<MemberSummary[]> {
  if (q.suffix !== undefined) {
    if (!/^\d{4}$/.test(q.suffix)) return err('MEMBER_QUERY_INVALID', 'suffix');
    return ok(l.stores.members.byPhoneSuffix(q.suffix, 10).map((m) => memberSummary(l, m)));
  }
  if (q.phone !== undefined) {
    const phone = normalizePhone(q.phone);
    if (!phone.ok) return phone;
    const m = l.stores.members.byPhone(phone.value);
    return ok(m ? [memberSummary(l, m)] : []);
  }
  if (q.code !== undefined) {
    const m = l.stores.members.byCode(q.code.trim().toUpperCase());
    return ok(m ? [memberSummary(l, m)] : []);
  }
  return err('MEMBER_QUERY_INVALID', 'phone');
}

/** The profile; the whole phone number only when `revealPhone` (a manager opening it; the route audits that). */
export function memberProfile(l: Loyalty, id: string, revealPhone: boolean) {
  const m = l.stores.members.byId(id);
  if (!m) return err('MEMBER_NOT_FOUND', 'id');
  return ok({
    ...memberSummary(l, m),
    ...(revealPhone ? { phone: m.phone } : {}),
    birthday: m.birthday,
    referrerId: m.referrerId,
    homeStore: m.homeStore,
    consent: m.consent,
    registeredAt: m.registeredAt,
    orderCount: m.orderCount,
    lastPurchaseOn: m.lastPurchaseOn,
    tags: m.tags,
    rfm: m.rfm,
    tierHistory: l.stores.tiers.ofMember(m.id),
    coupons: l.stores.coupons.ofMember(m.id),
  });
}

export function pointsAccount(l: Loyalty, id: string) {
  const m = l.stores.members.byId(id);
  if (!m) return err('MEMBER_NOT_FOUND', 'id');
  const entries = l.stores.points.entriesOf(id);
  const today = loyaltyTime(l.ctx).date;
  return ok({
    balance: m.pointsBalance,
    entries,
    lots: lotsOf(entries)
      .filter((x) => x.remaining > 0)
      .map((x) => ({ ...x, usable: x.expiresOn >= today })),
  });
}

/** Behaviour points (review, share, …) by name from the programme, or a signed adjustment with a note. */
export function addPoints(
  l: Loyalty,
  id: string,
  input: { behaviour: string } | { points: number; note: string },
  actor: string,
): Result<PointsEntry[]> {
  if (!l.stores.members.byId(id)) return err('MEMBER_NOT_FOUND', 'id');
  const t = loyaltyTime(l.ctx);
  const config = l.program.config();
  return inResultTransaction(l.ctx.db, () => {
    if ('behaviour' in input) {
      const points = behaviourPoints(config.points.earn, input.behaviour);
      if (points === 0) return err('LOYALTY_POINTS_INVALID', 'behaviour');
      return writePoints(l, t, (c) =>
        earnPoints(c, {
          memberId: id,
          points,
          today: t.date,
          expiry: config.points.earn.expiry,
          reason: input.behaviour,
        }),
      );
    }
    const r = writePoints(l, t, (c) =>
      adjustPoints(l.stores.points.entriesOf(id), c, {
        memberId: id,
        points: input.points,
        today: t.date,
        expiry: config.points.earn.expiry,
        reason: input.note,
      }),
    );
    if (r.ok)
      l.ctx.repos.audit.append({
        at: t.at,
        actor,
        action: 'member.points_adjusted',
        subject: id,
        detail: { points: input.points, note: input.note },
      });
    return r;
  });
}

/**
 * Moves points from one member to another in one transaction: a transfer-out entry taking the
 * oldest lots, a transfer-in granting them with their own expiry dates (core transferPoints). Audited.
 */
export function transferMemberPoints(
  l: Loyalty,
  fromId: string,
  input: { toMemberId: string; points: number; note: string },
  actor: string,
): Result<PointsEntry[]> {
  if (!l.stores.members.byId(fromId)) return err('MEMBER_NOT_FOUND', 'id');
  if (!l.stores.members.byId(input.toMemberId)) return err('MEMBER_NOT_FOUND', 'toMemberId');
  const t = loyaltyTime(l.ctx);
  return inResultTransaction(l.ctx.db, () => {
    const r = writePoints(l, t, (c) =>
      transferPoints(l.stores.points.entriesOf(fromId), c, {
        fromMemberId: fromId,
        toMemberId: input.toMemberId,
        points: input.points,
        today: t.date,
      }),
    );
    if (r.ok)
      l.ctx.repos.audit.append({
        at: t.at,
        actor,
        action: 'member.points_transferred',
        subject: fromId,
        detail: { to: input.toMemberId, points: input.points, note: input.note },
      });
    return r;
  });
}

/** The member's downline with what each paid the root in referral rewards. */
export function referralReport(l: Loyalty, id: string) {
  if (!l.stores.members.byId(id)) return err('MEMBER_NOT_FOUND', 'id');
  const links = new Map<string, string>();
  const queue = [id];
  for (let depth = 0; queue.length > 0 && depth < 10_000; depth++) {
    const parent = queue.shift()!;
    for (const r of l.stores.members.referees(parent)) {
      if (links.has(r.id)) continue;
      links.set(r.id, r.referrerId);
      queue.push(r.id);
    }
  }
  return ok(referralTree(links, l.stores.referrals.ofBeneficiaries([id, ...links.keys()]), id));
}

/** Cache = ledger sum for every member (should list none). */
export function verifyPointsBalances(l: Loyalty) {
  const mismatches = l.stores.points.mismatches(100);
  return ok({ ok: mismatches.length === 0, entries: l.stores.points.count(), mismatches });
}
