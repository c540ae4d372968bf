/**
 * Which wallet a scanned payment code (付款码) belongs to, from its prefix:
 * - Alipay auth_code: "25~30开头的长度为16~24位的数字" (alipay.trade.pay reference)
 * - WeChat Pay: "18位纯数字，以10、11、12、13、14、15开头" (付款码支付 用户付款码规则)
 * - UnionPay QR C2B code: 19 digits starting with 62 (银联二维码 付款码)
 */
export type QrChannel = 'alipay' | 'wechat' | 'unionpay';

const RULES: ReadonlyArray<readonly [QrChannel, RegExp]> = [
  ['alipay', /^(2[5-9]|30)\d{14,22}$/],
  ['wechat', /^1[0-5]\d{16}$/],
  ['unionpay', /^62\d{17}$/],
];

export function channelOfAuthCode(code: string): QrChannel | undefined {
  for (const [channel, rule] of RULES) if (rule.test(code)) return channel;
  return undefined;
}
