import type { ErrorCatalogPart } from './error-entry.ts';

/** Members, points, tiers, stored value, coupons, referral (server/core/members, server/core/loyalty). */
export const loyaltyErrors = {
  MEMBER_PHONE_INVALID: {
    status: 400,
    zh: '手机号无效，请输入11位中国大陆手机号',
    en: 'Invalid phone number; enter an 11-digit mainland China mobile number',
  },
  MEMBER_CODE_INVALID: { status: 400, zh: '会员码无效', en: 'Invalid member code' },
  LOYALTY_CONFIG_INVALID: {
    status: 400,
    zh: '会员规则配置无效：{field} {reason}',
    en: 'Invalid loyalty configuration: {field} {reason}',
  },
  LOYALTY_POINTS_INVALID: { status: 400, zh: '积分数必须为正整数', en: 'Points must be a positive whole number' },
  LOYALTY_INSUFFICIENT_POINTS: {
    status: 409,
    zh: '积分不足：可用 {available} 分',
    en: 'Not enough points: {available} available',
  },
  LOYALTY_BELOW_MINIMUM: {
    status: 422,
    zh: '积分抵现至少需要 {minimum} 分',
    en: 'At least {minimum} points are needed to redeem',
  },
  LOYALTY_ABOVE_CAP: {
    status: 422,
    zh: '本单最多可用 {maxPoints} 积分抵扣',
    en: 'At most {maxPoints} points can be redeemed on this sale',
  },
  LOYALTY_REFUND_EXCEEDS_LINE: {
    status: 422,
    zh: '退货金额超过商品行 {lineId} 的实付金额',
    en: 'Refund exceeds the net amount of line {lineId}',
  },
  LOYALTY_TOPUP_AMOUNT_INVALID: {
    status: 400,
    zh: '充值金额必须大于零',
    en: 'Top-up amount must be greater than zero',
  },
  LOYALTY_AMOUNT_INVALID: { status: 400, zh: '金额必须大于零', en: 'Amount must be greater than zero' },
  LOYALTY_INSUFFICIENT_BALANCE: {
    status: 409,
    zh: '储值余额不足：可用 {available}',
    en: 'Insufficient stored-value balance: {available} available',
  },
  LOYALTY_REFUND_EXCEEDS_PAYMENT: {
    status: 422,
    zh: '退回储值金额超过原支付金额',
    en: 'Refund exceeds the original stored-value payment',
  },
  LOYALTY_PIN_WRONG: {
    status: 401,
    zh: '支付密码错误，还可尝试 {remaining} 次',
    en: 'Wrong PIN; {remaining} attempts left',
  },
  LOYALTY_PIN_LOCKED: {
    status: 423,
    zh: '支付密码已锁定，请于 {until} 后再试',
    en: 'PIN locked; try again after {until}',
  },
  LOYALTY_COUPON_NOT_OWNER: { status: 403, zh: '该券不属于当前会员', en: 'This coupon belongs to another member' },
  LOYALTY_COUPON_NOT_YET_VALID: {
    status: 422,
    zh: '该券尚未到使用时间（{validFrom} 起）',
    en: 'Coupon not valid yet (from {validFrom})',
  },
  LOYALTY_COUPON_EXPIRED: { status: 422, zh: '该券已过期', en: 'Coupon has expired' },
  LOYALTY_COUPON_USED: { status: 409, zh: '该券已使用', en: 'Coupon already used' },
  LOYALTY_COUPON_SALE_LIMIT: {
    status: 422,
    zh: '同一订单最多使用 {limit} 张此类券',
    en: 'At most {limit} coupons of this kind per sale',
  },
  LOYALTY_COUPON_ISSUE_LIMIT: { status: 409, zh: '该券已达发放上限', en: 'This coupon has reached its issue limit' },
  LOYALTY_COUPON_MEMBER_LIMIT: { status: 409, zh: '每位会员最多领取 {limit} 张', en: 'At most {limit} per member' },
  LOYALTY_COUPON_NOT_RESTORABLE: { status: 409, zh: '该券不可退回', en: 'This coupon cannot be restored' },
  LOYALTY_PACKET_EXHAUSTED: { status: 409, zh: '红包已被领完', en: 'All shares of this red packet have been claimed' },
  LOYALTY_PACKET_ALREADY_CLAIMED: {
    status: 409,
    zh: '您已领取过该红包',
    en: 'You have already claimed this red packet',
  },
  LOYALTY_REFERRAL_CYCLE: { status: 422, zh: '推荐关系不能形成循环', en: 'A referral cannot form a cycle' },
  LOYALTY_REFERRAL_ALREADY_SET: { status: 409, zh: '该会员已有推荐人', en: 'This member already has a referrer' },
} as const satisfies ErrorCatalogPart;

export type LoyaltyErrorCode = keyof typeof loyaltyErrors;
