import type { FissionRuleRecord } from '../../adapters/sqlite/fission.repository.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { checkPacketTerms, type PacketTerms } from './fission-packets.ts';
import type { Loyalty } from './loyalty.ts';
import { loyaltyTime } from './loyalty-time.ts';

export type FissionRuleInput = PacketTerms & { id: string; minSaleFen: number };

/** 消费后送裂变红包: a rule the sale effect applies to every member's sale whose net reaches minSaleFen (issueSalePackets). */
export function createFissionRule(l: Loyalty, input: FissionRuleInput, by: string): Result<FissionRuleRecord> {
  if (l.stores.fission.rule(input.id)) return err('FISSION_RULE_EXISTS', 'id', { ruleId: input.id });
  const terms = checkPacketTerms(l, input);
  if (!terms.ok) return terms;
  const rule: FissionRuleRecord = { ...input, active: true, createdAt: loyaltyTime(l.ctx).at, createdBy: by };
  l.ctx.db.transaction(() => l.stores.fission.insertRule(rule)).immediate();
  return ok(rule);
}

/** Stops (or resumes) a rule; packets it issued stay claimable until their last day. */
export function setFissionRuleActive(l: Loyalty, id: string, active: boolean): Result<FissionRuleRecord> {
  if (!l.ctx.db.transaction(() => l.stores.fission.setActive(id, active)).immediate())
    return err('FISSION_RULE_NOT_FOUND', 'id', { ruleId: id });
  return ok(l.stores.fission.rule(id)!);
}
