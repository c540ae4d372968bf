import type { ErrorCatalogPart } from './error-entry.ts';

/** Promotions, coupons and points-as-cash in the pricing engine (server/core/pricing). */
export const pricingErrors = {
  PRICING_INVALID_PROMOTION: {
    status: 400,
    zh: '促销规则格式无效：{path} {reason}',
    en: 'Invalid promotion: {path} {reason}',
  },
  PRICING_INVALID_REQUEST: {
    status: 400,
    zh: '计价请求无效：{path} {reason}',
    en: 'Invalid pricing request: {path} {reason}',
  },
  PRICING_INVALID_SETTINGS: {
    status: 400,
    zh: '计价设置无效：{path} {reason}',
    en: 'Invalid pricing settings: {path} {reason}',
  },
  PRICING_DUPLICATE_LINE_ID: { status: 400, zh: '商品行编号重复：{lineId}', en: 'Duplicate line id {lineId}' },
  PRICING_THRESHOLD_NOT_ABOVE_AMOUNT: {
    status: 400,
    zh: '满减金额必须小于门槛：{path}',
    en: 'The amount off must be below the threshold: {path}',
  },
  PRICING_CAP_BELOW_AMOUNT: {
    status: 400,
    zh: '封顶金额不能小于单次减免金额：{path}',
    en: 'The cap must not be below one amount off: {path}',
  },
  PRICING_PERCENT_OUT_OF_RANGE: {
    status: 400,
    zh: '折扣比例必须在 0–100% 之间：{path}',
    en: 'A percentage must lie within 0–100 %: {path}',
  },
  PRICING_EMPTY_DATE_RANGE: {
    status: 400,
    zh: '活动日期范围为空（开始晚于结束）：{path}',
    en: 'Empty date range (starts after it ends): {path}',
  },
  PRICING_EMPTY_TIME_WINDOW: { status: 400, zh: '活动时段为空：{path}', en: 'Empty time-of-day window: {path}' },
  PRICING_NTH_BELOW_TWO: {
    status: 400,
    zh: '第N件优惠的N至少为2：{path}',
    en: 'Nth-item promotions need N ≥ 2: {path}',
  },
  PRICING_BUY_BELOW_ONE: { status: 400, zh: '买X送Y的X至少为1：{path}', en: 'Buy X get Y needs X ≥ 1: {path}' },
  PRICING_GET_BELOW_ONE: { status: 400, zh: '买X送Y的Y至少为1：{path}', en: 'Buy X get Y needs Y ≥ 1: {path}' },
  PRICING_CONTRADICTORY_SCOPE: {
    status: 400,
    zh: '同一商品或分类既被包含又被排除：{path}',
    en: 'The same SKU or category is both included and excluded: {path}',
  },
  PRICING_DUPLICATE_PROMOTION_ID: { status: 400, zh: '促销编号重复：{id}', en: 'Duplicate promotion id {id}' },
  PRICING_GROUP_MIXES_STAGES: {
    status: 400,
    zh: '互斥组 {group} 混合了不同阶段的促销',
    en: 'Exclusivity group {group} mixes promotions of different stages',
  },
  PRICING_COUPON_DUPLICATE: { status: 409, zh: '优惠券重复使用：{code}', en: 'Coupon {code} given twice' },
  PRICING_COUPON_NOT_YET_VALID: { status: 409, zh: '优惠券尚未生效：{code}', en: 'Coupon {code} is not valid yet' },
  PRICING_COUPON_EXPIRED: { status: 409, zh: '优惠券已过期：{code}', en: 'Coupon {code} has expired' },
  PRICING_COUPON_NOT_STACKABLE: {
    status: 409,
    zh: '优惠券不可与其他券同时使用：{code}',
    en: 'Coupon {code} cannot be combined with other coupons',
  },
  PRICING_COUPON_NO_ELIGIBLE_LINES: {
    status: 409,
    zh: '没有可用此券的商品：{code}',
    en: 'No item in the basket qualifies for coupon {code}',
  },
  PRICING_COUPON_THRESHOLD_NOT_MET: {
    status: 409,
    zh: '未达到用券门槛 {threshold}（当前 {amount}）：{code}',
    en: 'Coupon {code} needs {threshold} (basket {amount})',
  },
  PRICING_COUPON_NOTHING_TO_DISCOUNT: {
    status: 409,
    zh: '此券没有可抵扣的金额：{code}',
    en: 'Nothing left for coupon {code} to take off',
  },
  PRICING_POINTS_BELOW_MINIMUM: {
    status: 409,
    zh: '积分抵现至少需要 {minPoints} 积分',
    en: 'Paying with points needs at least {minPoints} points',
  },
  PRICING_POINTS_NOTHING_TO_REDEEM: {
    status: 409,
    zh: '当前金额不可使用积分抵现',
    en: 'Nothing of this amount may be paid with points',
  },
} as const satisfies ErrorCatalogPart;

export type PricingErrorCode = keyof typeof pricingErrors;
