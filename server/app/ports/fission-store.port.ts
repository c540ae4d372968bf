/** An after-sale rule: a member's sale with at least minSaleFen earns a packet of totalFen in `shares` shares. */
export type FissionRuleRecord = {
  id: string;
  templateId: string;
  totalFen: number;
  shares: number;
  minShareFen: number;
  minSaleFen: number;
  claimDays: number;
  active: boolean;
  createdAt: string;
  createdBy: string;
};

export type FissionSource =
  { kind: 'sale'; ref: string; ruleId: string } | { kind: 'campaign'; ref: string } | { kind: 'manual'; ref: string };

export type FissionPacketRecord = {
  serial: number;
  id: string;
  shareCode: string;
  ownerId: string;
  templateId: string;
  totalFen: number;
  minShareFen: number;
  shares: number[];
  source: FissionSource;
  createdAt: string;
  claimUntil: string;
};

export type FissionClaimRecord = {
  packetId: string;
  shareIndex: number;
  memberId: string;
  amountFen: number;
  couponId: string;
  newMember: boolean;
  claimedAt: string;
};

/** Fission red-packet rules (裂变红包), the packets members share and the claims on them (FissionRepository). */
export interface FissionStore {
  insertRule(r: FissionRuleRecord): void;
  rule(id: string): FissionRuleRecord | undefined;
  rules(): FissionRuleRecord[];
  activeRules(): FissionRuleRecord[];
  /** false when there is no such rule. */
  setActive(id: string, active: boolean): boolean;
  nextSerial(): number;
  codeTaken(code: string): boolean;
  insertPacket(p: FissionPacketRecord): void;
  packet(id: string): FissionPacketRecord | undefined;
  byShareCode(code: string): FissionPacketRecord | undefined;
  ofOwner(memberId: string): FissionPacketRecord[];
  insertClaim(c: FissionClaimRecord): void;
  claims(packetId: string): FissionClaimRecord[];
}
