import { describe, expect, it } from 'vitest';
import { beijingCompact, beijingDashed, beijingToIso } from './beijing-time.ts';
import { maskAuthCode } from '../../app/payments/mask-auth-code.ts';
import { safeMessage } from './redact.ts';
import { signingString } from './signing-string.ts';
import { wechatSign } from './wechat/wechat.signature.ts';
import { parseWechatXml, toWechatXml } from './wechat/wechat.xml.ts';

describe('payment channel primitives', () => {
  it('signing string: ASCII order, empty values and excluded keys left out, values raw', () => {
    expect(signingString({ b: '2', a: '1', sign: 'S', c: '', B: 'x y&z' }, ['sign'])).toBe('B=x y&z&a=1&b=2');
  });

  it('WeChat v2 signs match the worked example of the 签名算法 page (MD5 and HMAC-SHA256)', () => {
    const fields = {
      appid: 'wxd930ea5d5a258f4f',
      mch_id: '10000100',
      device_info: '1000',
      body: 'test',
      nonce_str: 'ibuaiVcKdpRxkhJA',
    };
    const key = '192006250b4c09247ec02edce69f6a2d';
    expect(wechatSign(fields, key, 'MD5')).toBe('9A0A8659F005D6984697E2CA0A9CF3B7');
    expect(wechatSign(fields, key, 'HMAC-SHA256')).toBe(
      '6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6',
    );
  });

  it('WeChat XML round-trips values, including a CDATA terminator and leading zeros', () => {
    const fields = { total_fee: '0010', body: 'a]]>b<c>&', empty: '' };
    expect(parseWechatXml(toWechatXml(fields))).toEqual(fields);
    expect(parseWechatXml('<html>502</html>')).toBeUndefined();
    expect(parseWechatXml('<xml><a><b>1</b></a></xml>')).toBeUndefined();
  });

  it('Beijing time is UTC+8 in both channel forms, and back to ISO', () => {
    const at = new Date('2024-12-31T16:30:05Z');
    expect(beijingDashed(at)).toBe('2025-01-01 00:30:05');
    expect(beijingCompact(at)).toBe('20250101003005');
    expect(beijingToIso('2025-01-01 00:30:05')).toBe('2025-01-01T00:30:05+08:00');
    expect(beijingToIso('20250101003005')).toBe('2025-01-01T00:30:05+08:00');
    expect(beijingToIso('yesterday')).toBeUndefined();
  });

  it('auth codes and channel messages are redacted', () => {
    expect(maskAuthCode('284000000000000001')).toBe('2840**********0001');
    expect(maskAuthCode('1234')).toBe('****');
    expect(safeMessage(`key ${'A'.repeat(64)} end`)).toBe('key … end');
    expect(safeMessage({})).toBe('');
  });
});
