import type { ErrorCatalogPart } from './error-entry.ts';

/**
 * 裂变红包 in the box (server/app/loyalty/fission-*.ts): packets, share codes, after-sale rules.
 * A claim of a finished packet or a second claim by one member answer LOYALTY_PACKET_EXHAUSTED /
 * LOYALTY_PACKET_ALREADY_CLAIMED (loyaltyErrors, from the core).
 */
export const fissionErrors = {
  FISSION_PACKET_NOT_FOUND: {
    status: 404,
    zh: '红包不存在或分享码无效',
    en: 'No red packet has this id or share code',
  },
  FISSION_PACKET_CLOSED: {
    status: 410,
    zh: '红包领取已于 {claimUntil} 截止',
    en: 'This red packet could be claimed until {claimUntil}',
  },
  FISSION_TEMPLATE_INVALID: {
    status: 422,
    zh: '裂变红包须使用满减券模板（{templateId} 不是）',
    en: 'A fission red packet needs an amount-off coupon template ({templateId} is not)',
  },
  FISSION_SPLIT_INVALID: {
    status: 422,
    zh: '红包总额 {total} 不够分成 {shares} 份（每份至少 {minShare}）',
    en: 'A total of {total} cannot make {shares} shares of at least {minShare}',
  },
  FISSION_RULE_EXISTS: {
    status: 409,
    zh: '裂变红包规则 {ruleId} 已存在',
    en: 'Fission packet rule {ruleId} already exists',
  },
  FISSION_RULE_NOT_FOUND: {
    status: 404,
    zh: '裂变红包规则 {ruleId} 不存在',
    en: 'Fission packet rule {ruleId} not found',
  },
} as const satisfies ErrorCatalogPart;
