import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { signingString } from '../signing-string.ts';

export type WechatSignType = 'MD5' | 'HMAC-SHA256';

/**
 * WeChat Pay v2 签名算法: stringSignTemp = sorted non-empty `k=v&…` (without sign) + "&key=" + API key;
 * sign = MD5(stringSignTemp) or HMAC-SHA256(stringSignTemp, key=API key), upper-case hex.
 */
export function wechatSign(
  fields: Readonly<Record<string, string | undefined>>,
  apiKey: string,
  type: WechatSignType,
): string {
  const temp = `${signingString(fields, ['sign'])}&key=${apiKey}`;
  const digest =
    type === 'MD5' ? createHash('md5').update(temp, 'utf8') : createHmac('sha256', apiKey).update(temp, 'utf8');
  return digest.digest('hex').toUpperCase();
}

export function wechatVerify(fields: Readonly<Record<string, string>>, apiKey: string, type: WechatSignType): boolean {
  const given = fields.sign;
  if (!given) return false;
  const expected = Buffer.from(wechatSign(fields, apiKey, type));
  const actual = Buffer.from(given.toUpperCase());
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
