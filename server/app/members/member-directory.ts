import { tierByCode } from '../../core/loyalty/index.ts';
import { maskPhone, normalizePhone, parseMemberCode } from '../../core/members/index.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { maxRedeemablePoints } from '../../core/loyalty/index.ts';
import type { MemberRecord } from '../../adapters/sqlite/member.repository.ts';
import type { MemberDirectory } from '../checkout/lane-service.ts';
import type { Loyalty } from '../loyalty/loyalty.ts';
import { checkStoredValuePin } from '../loyalty/stored-value.ts';
import { registerMember, type RegisterInput } from './register-member.ts';

/** What the lane and a cashier may see of a member: the phone masked (138****0000). */
export type MemberSummary = {
  id: string;
  code: string;
  name: string;
  phone: string;
  tier: { code: string; name: string };
  pointsBalance: number;
  storedValueFen: number | null;
};

export function memberSummary(l: Loyalty, m: MemberRecord): MemberSummary {
  const account = l.stores.storedValue.account(m.id);
  return {
    id: m.id,
    code: m.code,
    name: m.name,
    phone: maskPhone(m.phone),
    tier: { code: m.tier, name: tierByCode(l.program.tiers(), m.tier).name },
    pointsBalance: m.pointsBalance,
    storedValueFen: account ? account.principalFen + account.bonusFen : null,
  };
}

/** By id, member code (QR / barcode) or phone: the one exact match. */
export function findMember(l: Loyalty, query: string): MemberRecord | undefined {
  const q = query.trim();
  const byId = l.stores.members.byId(q);
  if (byId) return byId;
  const code = parseMemberCode(q);
  if (code.ok) return l.stores.members.byCode(code.value);
  const phone = normalizePhone(q);
  return phone.ok ? l.stores.members.byPhone(phone.value) : undefined;
}

/** The lane's member port: pricing sees tier, tags and first purchase; redemption is checked against the balance. */
export function loyaltyMemberDirectory(l: Loyalty): MemberDirectory & {
  summary(id: string): MemberSummary | undefined;
  checkRedeem(memberId: string, points: number, dueFen: number): Result<number>;
} {
  return {
    register(input: RegisterInput) {
      const r = registerMember(l, input);
      return r.ok ? ok({ memberId: r.value.member.id, pointsEarned: r.value.pointsEarned }) : r;
    },
    checkPin: (memberId: string, pin: string) => checkStoredValuePin(l, memberId, pin),
    find(query: string) {
      const m = findMember(l, query);
      return (
        m && {
          id: m.id,
          pricing: {
            id: m.id,
            tier: m.tier,
            tags: [...m.tags.auto, ...m.tags.manual],
            firstPurchase: m.orderCount === 0,
          },
        }
      );
    },
    summary(id: string) {
      const m = l.stores.members.byId(id);
      return m && memberSummary(l, m);
    },
    /** When the cashier asks: a clear answer now; the sale transaction checks the ledger again at commit. */
    checkRedeem(memberId: string, points: number, dueFen: number): Result<number> {
      const m = l.stores.members.byId(memberId);
      if (!m) return err('MEMBER_NOT_FOUND', 'memberId');
      const rule = l.program.config().points.redemption;
      if (points > m.pointsBalance) return err('LOYALTY_INSUFFICIENT_POINTS', 'points', { available: m.pointsBalance });
      if (points < rule.minimumPoints) return err('LOYALTY_BELOW_MINIMUM', 'points', { minimum: rule.minimumPoints });
      if (dueFen > 0 && points > maxRedeemablePoints(rule, m.pointsBalance, dueFen))
        return err('LOYALTY_ABOVE_CAP', 'points', { maxPoints: maxRedeemablePoints(rule, m.pointsBalance, dueFen) });
      return ok(points);
    },
  };
}
