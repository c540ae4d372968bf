import type { Db } from './database.ts';
import type {
  FissionClaimRecord,
  FissionPacketRecord,
  FissionRuleRecord,
  FissionSource,
  FissionStore,
} from '../../app/ports/fission-store.port.ts';

export type { FissionClaimRecord, FissionPacketRecord, FissionRuleRecord, FissionSource };

type RuleRow = {
  id: string;
  template_id: string;
  total_fen: number;
  shares: number;
  min_share_fen: number;
  min_sale_fen: number;
  claim_days: number;
  active: number;
  created_at: string;
  created_by: string;
};
type PacketRow = {
  serial: number;
  id: string;
  share_code: string;
  owner_id: string;
  template_id: string;
  total_fen: number;
  min_share_fen: number;
  shares: string;
  source_kind: FissionSource['kind'];
  source_ref: string;
  rule_id: string | null;
  created_at: string;
  claim_until: string;
};
type ClaimRow = {
  packet_id: string;
  share_index: number;
  member_id: string;
  amount_fen: number;
  coupon_id: string;
  new_member: number;
  claimed_at: string;
};

const toRule = (r: RuleRow): FissionRuleRecord => ({
  id: r.id,
  templateId: r.template_id,
  totalFen: r.total_fen,
  shares: r.shares,
  minShareFen: r.min_share_fen,
  minSaleFen: r.min_sale_fen,
  claimDays: r.claim_days,
  active: r.active === 1,
  createdAt: r.created_at,
  createdBy: r.created_by,
});
const toPacket = (r: PacketRow): FissionPacketRecord => ({
  serial: r.serial,
  id: r.id,
  shareCode: r.share_code,
  ownerId: r.owner_id,
  templateId: r.template_id,
  totalFen: r.total_fen,
  minShareFen: r.min_share_fen,
  shares: JSON.parse(r.shares),
  source:
    r.rule_id === null
      ? { kind: r.source_kind as 'campaign' | 'manual', ref: r.source_ref }
      : { kind: 'sale', ref: r.source_ref, ruleId: r.rule_id },
  createdAt: r.created_at,
  claimUntil: r.claim_until,
});
const toClaim = (r: ClaimRow): FissionClaimRecord => ({
  packetId: r.packet_id,
  shareIndex: r.share_index,
  memberId: r.member_id,
  amountFen: r.amount_fen,
  couponId: r.coupon_id,
  newMember: r.new_member === 1,
  claimedAt: r.claimed_at,
});

/** 裂变红包: rules, packets and their claimed shares (migrations/0010). Writes run inside the caller's transaction. */
export class FissionRepository implements FissionStore {
  private readonly s;
  constructor(db: Db) {
    this.s = {
      insertRule:
        db.prepare(`INSERT INTO fission_rule (id, template_id, total_fen, shares, min_share_fen, min_sale_fen, claim_days, active, created_at, created_by)
        VALUES (@id, @templateId, @totalFen, @shares, @minShareFen, @minSaleFen, @claimDays, @active, @createdAt, @createdBy)`),
      rule: db.prepare('SELECT * FROM fission_rule WHERE id = ?'),
      rules: db.prepare('SELECT * FROM fission_rule ORDER BY created_at, id'),
      activeRules: db.prepare('SELECT * FROM fission_rule WHERE active = 1 ORDER BY id'),
      setActive: db.prepare('UPDATE fission_rule SET active = ? WHERE id = ?'),
      nextSerial: db.prepare('SELECT coalesce(max(serial), 0) + 1 AS n FROM fission_packet'),
      insertPacket:
        db.prepare(`INSERT INTO fission_packet (serial, id, share_code, owner_id, template_id, total_fen, min_share_fen, shares, source_kind, source_ref, rule_id, created_at, claim_until)
        VALUES (@serial, @id, @shareCode, @ownerId, @templateId, @totalFen, @minShareFen, @shares, @sourceKind, @sourceRef, @ruleId, @createdAt, @claimUntil)`),
      packet: db.prepare('SELECT * FROM fission_packet WHERE id = ?'),
      byCode: db.prepare('SELECT * FROM fission_packet WHERE share_code = ?'),
      ofOwner: db.prepare('SELECT * FROM fission_packet WHERE owner_id = ? ORDER BY serial'),
      codeTaken: db.prepare('SELECT 1 FROM fission_packet WHERE share_code = ?'),
      insertClaim:
        db.prepare(`INSERT INTO fission_claim (packet_id, share_index, member_id, amount_fen, coupon_id, new_member, claimed_at)
        VALUES (@packetId, @shareIndex, @memberId, @amountFen, @couponId, @newMember, @claimedAt)`),
      claims: db.prepare('SELECT * FROM fission_claim WHERE packet_id = ? ORDER BY share_index'),
    };
  }

  insertRule(r: FissionRuleRecord): void {
    this.s.insertRule.run({ ...r, active: r.active ? 1 : 0 });
  }

  rule(id: string): FissionRuleRecord | undefined {
    const r = this.s.rule.get(id) as RuleRow | undefined;
    return r && toRule(r);
  }

  rules(): FissionRuleRecord[] {
    return (this.s.rules.all() as RuleRow[]).map(toRule);
  }

  activeRules(): FissionRuleRecord[] {
    return (this.s.activeRules.all() as RuleRow[]).map(toRule);
  }

  /** false when there is no such rule. */
  setActive(id: string, active: boolean): boolean {
    return this.s.setActive.run(active ? 1 : 0, id).changes === 1;
  }

  nextSerial(): number {
    return (this.s.nextSerial.get() as { n: number }).n;
  }

  codeTaken(code: string): boolean {
    return this.s.codeTaken.get(code) !== undefined;
  }

  insertPacket(p: FissionPacketRecord): void {
    const { source, shares, ...rest } = p;
    this.s.insertPacket.run({
      ...rest,
      shares: JSON.stringify(shares),
      sourceKind: source.kind,
      sourceRef: source.ref,
      ruleId: source.kind === 'sale' ? source.ruleId : null,
    });
  }

  packet(id: string): FissionPacketRecord | undefined {
    const r = this.s.packet.get(id) as PacketRow | undefined;
    return r && toPacket(r);
  }

  byShareCode(code: string): FissionPacketRecord | undefined {
    const r = this.s.byCode.get(code) as PacketRow | undefined;
    return r && toPacket(r);
  }

  ofOwner(memberId: string): FissionPacketRecord[] {
    return (this.s.ofOwner.all(memberId) as PacketRow[]).map(toPacket);
  }

  insertClaim(c: FissionClaimRecord): void {
    this.s.insertClaim.run({ ...c, newMember: c.newMember ? 1 : 0 });
  }

  claims(packetId: string): FissionClaimRecord[] {
    return (this.s.claims.all(packetId) as ClaimRow[]).map(toClaim);
  }
}
