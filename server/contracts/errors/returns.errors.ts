import type { ErrorCatalogPart } from './error-entry.ts';

/** Returns, exchanges and refunds. */
export const returnsErrors = {
  RETURN_NO_LINES: { status: 400, zh: '请选择要退货的商品', en: 'Choose the lines to return' },
  RETURN_LINE_NOT_FOUND: { status: 404, zh: '原小票中没有第 {lineNo} 行', en: 'The sale has no line {lineNo}' },
  RETURN_LINE_REPEATED: { status: 400, zh: '第 {lineNo} 行重复出现', en: 'Line {lineNo} appears twice' },
  RETURN_QUANTITY_EXCEEDS: {
    status: 409,
    zh: '第 {lineNo} 行最多还可退 {left}',
    en: 'Line {lineNo}: at most {left} can still be returned',
  },
  RETURN_EXCEEDS_PAID: {
    status: 409,
    zh: '退款金额超过原交易实付金额',
    en: 'The refund exceeds what the sale was paid',
  },
  RETURN_WINDOW_CLOSED: {
    status: 409,
    zh: '已超过退货期限（{days} 天）',
    en: 'The return window ({days} days) has passed',
  },
  RETURN_SUPERVISOR_REQUIRED: {
    status: 403,
    zh: '此退款需要主管授权（退款金额超过 {limit} 元，或退到现金、储值而非原支付方式）',
    en: 'This refund needs a supervisor (above {limit} yuan, or to cash or stored value instead of the original tender)',
  },
  RETURN_REFUND_TARGET_UNAVAILABLE: { status: 409, zh: '无法退回到{target}', en: 'Cannot refund to {target}' },
  RETURN_NOT_FOUND: { status: 404, zh: '退货单不存在', en: 'Return not found' },
  RETURN_EXCHANGE_SALE_INVALID: { status: 409, zh: '换货的新交易无效', en: 'The exchange sale is not valid' },
} as const satisfies ErrorCatalogPart;
