import type { FissionClaimRecord } from '../../adapters/sqlite/fission.repository.ts';
import { claimFissionShare, type CouponInstance } from '../../core/loyalty/index.ts';
import { normalizePhone } from '../../core/members/index.ts';
import { inResultTransaction } from '../../adapters/sqlite/database.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { memberSummary, type MemberSummary } from '../members/member-directory.ts';
import { registerMember } from '../members/register-member.ts';
import { issueCouponTo } from './loyalty-ledger.ts';
import type { Loyalty } from './loyalty.ts';
import { loyaltyTime } from './loyalty-time.ts';

/** A member claims by id; someone not yet a member gives a phone and is registered by the claim, referred by the packet's owner. */
export type ClaimInput = { shareCode: string } & (
  { memberId: string } | { phone: string; name?: string; consent?: { marketing?: boolean; sms?: boolean } }
);

export type ClaimResult = {
  claim: FissionClaimRecord;
  coupon: CouponInstance;
  member: MemberSummary;
  newMember: boolean;
};

/**
 * 领红包: one transaction takes the next share (core claimFissionShare: one per member,
 * LOYALTY_PACKET_EXHAUSTED when none is left), issues it as a coupon instance of the packet's
 * template with the share's amount as face value, and records the claim with the HQ fact
 * `fission.share_claimed`. A claimant registered by the claim gets the owner as referrer, so the
 * referral rules reward the owner on the newcomer's first purchase (referral-style acquisition).
 * Any refusal rolls the registration back too.
 */
export function claimPacketShare(l: Loyalty, input: ClaimInput): Result<ClaimResult> {
  const { ctx, stores } = l;
  const t = loyaltyTime(ctx);
  return inResultTransaction(ctx.db, (): Result<ClaimResult> => {
    const packet = stores.fission.byShareCode(input.shareCode.trim().toUpperCase());
    if (!packet) return err('FISSION_PACKET_NOT_FOUND', 'shareCode');
    if (t.date > packet.claimUntil) return err('FISSION_PACKET_CLOSED', 'shareCode', { claimUntil: packet.claimUntil });
    const claimant = claimantOf(l, input, packet.ownerId);
    if (!claimant.ok) return claimant;
    const { memberId, newMember } = claimant.value;

    const claims = stores.fission.claims(packet.id);
    const taken = claimFissionShare(
      { id: packet.id, templateId: packet.templateId, shares: packet.shares, claims },
      memberId,
    );
    if (!taken.ok) return taken;
    const coupon = issueCouponTo(
      l,
      t,
      memberId,
      packet.templateId,
      { kind: 'fission', refId: packet.id },
      taken.value.amountFen,
    );
    if (!coupon.ok) return coupon;
    const claim: FissionClaimRecord = {
      packetId: packet.id,
      shareIndex: taken.value.shareIndex,
      memberId,
      amountFen: taken.value.amountFen,
      couponId: coupon.value.id,
      newMember,
      claimedAt: t.at,
    };
    stores.fission.insertClaim(claim);
    ctx.repos.outbox.append('fission.share_claimed', claim, t.at);
    return ok({ claim, coupon: coupon.value, member: memberSummary(l, stores.members.byId(memberId)!), newMember });
  });
}

/** The member claiming: by id, by a phone already registered, or registered now with the owner's member code as referral. */
function claimantOf(l: Loyalty, input: ClaimInput, ownerId: string): Result<{ memberId: string; newMember: boolean }> {
  if ('memberId' in input)
    return l.stores.members.byId(input.memberId)
      ? ok({ memberId: input.memberId, newMember: false })
      : err('MEMBER_NOT_FOUND', 'memberId');
  const phone = normalizePhone(input.phone);
  if (!phone.ok) return phone;
  const existing = l.stores.members.byPhone(phone.value);
  if (existing) return ok({ memberId: existing.id, newMember: false });
  const registered = registerMember(l, {
    phone: phone.value,
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(input.consent === undefined ? {} : { consent: input.consent }),
    referralCode: l.stores.members.byId(ownerId)!.code,
  });
  if (!registered.ok) return registered;
  return ok({ memberId: registered.value.member.id, newMember: true });
}
