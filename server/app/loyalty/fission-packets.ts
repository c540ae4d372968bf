import { randomInt } from 'node:crypto';
import type {
  FissionClaimRecord,
  FissionPacketRecord,
  FissionSource,
} from '../../adapters/sqlite/fission.repository.ts';
import { addDays, fissionPacketNotice, splitFissionPacket } from '../../core/loyalty/index.ts';
import { formatYuan } from '../../core/money/index.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { notify, storeName } from './loyalty-ledger.ts';
import type { Loyalty } from './loyalty.ts';
import type { LoyaltyTime } from './loyalty-time.ts';

/** What a packet is made of, for a rule or one packet: an amount-off template, a total split into shares of at least minShareFen, claimable for claimDays. */
export type PacketTerms = {
  templateId: string;
  totalFen: number;
  shares: number;
  minShareFen: number;
  claimDays: number;
};

/** A packet as the console and the mini-app see it: the split, who claimed which share, what is left, how many claimants it brought in as new members. */
export type FissionPacketView = Omit<FissionPacketRecord, 'serial'> & {
  claimed: number;
  remaining: number;
  newMembers: number;
  claims: FissionClaimRecord[];
};

// Crockford base32 without I, L, O, U: read aloud or typed from a poster without confusion
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 10;

/** The template must exist and be amount-off (each share's amount replaces its amountFen); the total must cover every share's minimum. */
export function checkPacketTerms(l: Loyalty, terms: PacketTerms): Result<PacketTerms> {
  const template = l.program.template(terms.templateId);
  if (!template) return err('COUPON_TEMPLATE_UNKNOWN', 'templateId', { templateId: terms.templateId });
  if (template.effect.kind !== 'amount-off')
    return err('FISSION_TEMPLATE_INVALID', 'templateId', { templateId: terms.templateId });
  if (terms.minShareFen * terms.shares > terms.totalFen) {
    return err('FISSION_SPLIT_INVALID', 'totalFen', {
      total: formatYuan(terms.totalFen),
      shares: terms.shares,
      minShare: formatYuan(terms.minShareFen),
    });
  }
  return ok(terms);
}

function newShareCode(l: Loyalty): string {
  for (;;) {
    let code = '';
    for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    if (!l.stores.fission.codeTaken(code)) return code;
  }
}

/**
 * 裂变红包 to a member, inside the caller's transaction: id `${storeId}-F${serial}` seeds the split
 * (so HQ recomputes it from the id), a share code for the link, the owner's notice, and the HQ fact
 * `fission.packet_issued` (the mini-app builds the share link from it).
 */
export function issueFissionPacket(
  l: Loyalty,
  t: LoyaltyTime,
  ownerId: string,
  terms: PacketTerms,
  source: FissionSource,
): Result<FissionPacketView> {
  if (!l.stores.members.byId(ownerId)) return err('MEMBER_NOT_FOUND', 'memberId');
  const checked = checkPacketTerms(l, terms);
  if (!checked.ok) return checked;
  const serial = l.stores.fission.nextSerial();
  const id = `${l.ctx.repos.store.get()!.id}-F${serial}`;
  const packet: FissionPacketRecord = {
    serial,
    id,
    shareCode: newShareCode(l),
    ownerId,
    templateId: terms.templateId,
    totalFen: terms.totalFen,
    minShareFen: terms.minShareFen,
    shares: splitFissionPacket(id, terms.totalFen, terms.shares, terms.minShareFen),
    source,
    createdAt: t.at,
    claimUntil: addDays(t.date, terms.claimDays - 1),
  };
  l.stores.fission.insertPacket(packet);
  notify(
    l,
    fissionPacketNotice({
      memberId: ownerId,
      at: t.at,
      storeName: storeName(l),
      packetId: id,
      totalFen: packet.totalFen,
      shares: packet.shares.length,
      claimUntil: packet.claimUntil,
    }),
  );
  const view = viewOf(packet, []);
  l.ctx.repos.outbox.append('fission.packet_issued', view, t.at);
  return ok(view);
}

/** After a member's sale (inside its transaction): one packet per active rule the sale's net reaches. */
export function issueSalePackets(
  l: Loyalty,
  t: LoyaltyTime,
  memberId: string,
  saleId: string,
  saleNetFen: number,
): void {
  for (const rule of l.stores.fission.activeRules()) {
    if (saleNetFen < rule.minSaleFen) continue;
    // a rule whose template left the programme issues nothing; it never blocks the sale
    issueFissionPacket(l, t, memberId, rule, { kind: 'sale', ref: saleId, ruleId: rule.id });
  }
}

function viewOf(p: FissionPacketRecord, claims: FissionClaimRecord[]): FissionPacketView {
  const { serial: _serial, ...rest } = p;
  return {
    ...rest,
    claimed: claims.length,
    remaining: p.shares.length - claims.length,
    newMembers: claims.filter((c) => c.newMember).length,
    claims,
  };
}

export function fissionPacketView(l: Loyalty, p: FissionPacketRecord): FissionPacketView {
  return viewOf(p, l.stores.fission.claims(p.id));
}

/** By packet id or by share code (what the shared link carries). */
export function findFissionPacket(l: Loyalty, key: { id: string } | { shareCode: string }): Result<FissionPacketView> {
  const p =
    'id' in key ? l.stores.fission.packet(key.id) : l.stores.fission.byShareCode(key.shareCode.trim().toUpperCase());
  if (!p) return err('FISSION_PACKET_NOT_FOUND', 'id' in key ? 'id' : 'shareCode');
  return ok(fissionPacketView(l, p));
}
