import type { ErrorCatalogPart } from './error-entry.ts';

/** Lane sessions, carts and sale completion. */
export const checkoutErrors = {
  LANE_TOKEN_REQUIRED: {
    status: 401,
    zh: '请先在收银台登录（需要收银台令牌）',
    en: 'Log in at a lane first (a lane token is required)',
  },
  LANE_BAD_MESSAGE: { status: 400, zh: '消息格式错误：{field} {reason}', en: 'Malformed message: {field} {reason}' },
  LANE_FRAME_TOO_LARGE: {
    status: 413,
    zh: '消息超过 {maxBytes} 字节的上限，连接将关闭',
    en: 'The message is over the {maxBytes}-byte limit; the connection closes',
  },
  LANE_UNKNOWN_TOPIC: { status: 400, zh: '未知的操作 {topic}', en: 'Unknown topic {topic}' },
  LANE_SUPERVISOR_REQUIRED: { status: 403, zh: '此操作需要主管授权', en: "This needs a supervisor's credential" },
  CART_LINE_NOT_FOUND: { status: 404, zh: '购物车中没有这一行 {lineId}', en: 'No line {lineId} in the cart' },
  CART_TOTALED: {
    status: 409,
    zh: '已结算，修改商品需要主管授权',
    en: 'The cart is totaled; changing it needs a supervisor',
  },
  CART_EMPTY: { status: 409, zh: '购物车是空的', en: 'The cart is empty' },
  CART_NOT_EMPTY: { status: 409, zh: '请先完成或挂起当前交易', en: 'Finish or park the current cart first' },
  CART_QUANTITY_NOT_ALLOWED: {
    status: 409,
    zh: '称重或条码计价商品不能修改数量',
    en: 'The quantity of a weighed or label-priced line cannot be changed',
  },
  CART_PARKED_NOT_FOUND: { status: 404, zh: '挂单 {parkedId} 不存在', en: 'Parked cart {parkedId} not found' },
  SALE_DUE_MISMATCH: {
    status: 409,
    zh: '应收金额已变化（{actual} 分），请重新确认',
    en: 'The amount due changed ({actual} fen); confirm again',
  },
  SALE_UNDERPAID: { status: 409, zh: '实收金额不足', en: 'Tendered amount is less than the amount due' },
  SALE_NOT_FOUND: { status: 404, zh: '交易不存在', en: 'Sale not found' },
  MEMBER_NOT_FOUND: { status: 404, zh: '会员不存在', en: 'Member not found' },
  COUPON_NOT_FOUND: { status: 404, zh: '优惠券不存在', en: 'Coupon not found' },
  MEMBER_REQUIRED: { status: 409, zh: '请先识别会员', en: 'Identify the member first' },
} as const satisfies ErrorCatalogPart;
