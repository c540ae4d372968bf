import type { ErrorCatalogPart } from './error-entry.ts';

/** Members and loyalty in the running box (server/app/members, server/app/loyalty): registration, coupons, stored value, campaigns, jobs. */
export const membersErrors = {
  MEMBER_PHONE_TAKEN: { status: 409, zh: '该手机号已注册会员', en: 'A member with this phone number already exists' },
  MEMBER_BIRTHDAY_INVALID: { status: 400, zh: '生日格式无效，请使用 MM-DD', en: 'Invalid birthday; use MM-DD' },
  MEMBER_REFERRER_NOT_FOUND: { status: 404, zh: '推荐人会员码不存在', en: 'No member has this referral code' },
  MEMBER_SALE_NOT_FOUND: { status: 404, zh: '订单 {saleId} 不存在', en: 'Sale {saleId} not found' },
  MEMBER_SALE_HAS_MEMBER: { status: 409, zh: '订单 {saleId} 已关联会员', en: 'Sale {saleId} already has a member' },
  MEMBER_SALE_TOO_OLD: {
    status: 422,
    zh: '只能关联当天的订单',
    en: "Only today's sales can be attached to a new member",
  },
  MEMBER_QUERY_INVALID: {
    status: 400,
    zh: '请输入手机号、手机尾号4位或会员码',
    en: 'Give a phone number, its last 4 digits or a member code',
  },
  COUPON_TEMPLATE_UNKNOWN: {
    status: 404,
    zh: '优惠券模板 {templateId} 不存在',
    en: 'Coupon template {templateId} not found',
  },
  COUPON_TEMPLATE_EXISTS: {
    status: 409,
    zh: '优惠券模板 {templateId} 已存在',
    en: 'Coupon template {templateId} already exists',
  },
  STORED_VALUE_NO_ACCOUNT: {
    status: 404,
    zh: '该会员未开通储值或未设置支付密码',
    en: 'This member has no stored-value account or PIN',
  },
  STORED_VALUE_PIN_FORMAT: { status: 400, zh: '支付密码须为6位数字', en: 'The PIN must be 6 digits' },
  STORED_VALUE_PIN_RESET_UNAUTHORISED: {
    status: 403,
    zh: '修改支付密码需要输入原支付密码，或由主管授权重置（门店可设为仅店长）',
    en: 'Changing the PIN needs the old PIN, or a reset approved by a supervisor (or only a manager, by store setting)',
  },
  STORED_VALUE_PIN_RESET_THROTTLED: {
    status: 429,
    zh: '支付密码修改过于频繁，请于 {seconds} 秒后再试',
    en: 'Too many PIN changes; try again in {seconds} seconds',
  },
  CAMPAIGN_EXISTS: { status: 409, zh: '活动 {campaignId} 已存在', en: 'Campaign {campaignId} already exists' },
  CAMPAIGN_NOT_FOUND: { status: 404, zh: '活动 {campaignId} 不存在', en: 'Campaign {campaignId} not found' },
  LOYALTY_JOB_UNKNOWN: { status: 404, zh: '未知的会员任务 {job}', en: 'Unknown loyalty job {job}' },
  LOYALTY_JOB_RUNNING: { status: 409, zh: '会员任务正在运行', en: 'A loyalty job is already running' },
} as const satisfies ErrorCatalogPart;
