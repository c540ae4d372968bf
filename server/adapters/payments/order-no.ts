import type { ChannelId } from '../../app/ports/payment-channel.port.ts';

/**
 * What each channel accepts as a merchant order number. Checked before anything is sent, so a
 * tender id the channel would refuse never reaches it. A 32-character [0-9A-Za-z] id (a UUID
 * without dashes) fits all three.
 * - Alipay out_trade_no: "64个字符以内、可包含字母、数字、下划线"
 * - WeChat out_trade_no: "32个字符内，只能是数字、大小写字母_-|*@"
 * - UnionPay orderId: "8-40位数字字母，不能含“-”或“_”"
 */
const RULES: Readonly<Record<ChannelId, RegExp>> = {
  alipay: /^[0-9A-Za-z_]{1,64}$/,
  wechat: /^[0-9A-Za-z_\-|*@]{1,32}$/,
  unionpay: /^[0-9A-Za-z]{8,40}$/,
};

export function validOrderNo(channel: ChannelId, orderNo: string): boolean {
  return RULES[channel].test(orderNo);
}
