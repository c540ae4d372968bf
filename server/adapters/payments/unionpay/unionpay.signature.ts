import { createHash, createSign, createVerify, type KeyObject } from 'node:crypto';
import { signingString } from '../signing-string.ts';

/**
 * ACP 5.1.0, signMethod=01: sort every field but `signature` into `k=v&…`, take its SHA-256 as
 * lower-case hex, sign those hex characters with SHA256withRSA, base64 (SDK: sha256X16 then
 * signBySoftSHA256). `certId` is one of the signed fields. Answers are verified the same way.
 */
function digestHex(fields: Readonly<Record<string, string>>): string {
  return createHash('sha256')
    .update(signingString(fields, ['signature']), 'utf8')
    .digest('hex');
}

export function unionpaySign(fields: Readonly<Record<string, string>>, key: KeyObject): string {
  return createSign('RSA-SHA256').update(digestHex(fields), 'utf8').sign(key, 'base64');
}

export function unionpayVerify(fields: Readonly<Record<string, string>>, key: KeyObject): boolean {
  const signature = fields.signature;
  if (!signature) return false;
  try {
    return createVerify('RSA-SHA256').update(digestHex(fields), 'utf8').verify(key, signature, 'base64');
  } catch {
    return false;
  }
}

/**
 * ACP answers are `k=v&k=v` with raw (not URL-encoded) values; a value may hold `=`, and `&`
 * only inside `{…}` or `[…]` (the SDK's convertResultStringToMap keeps bracketed runs whole).
 */
export function parseAcpAnswer(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  let depth = 0;
  let start = 0;
  const take = (end: number): boolean => {
    const pair = text.slice(start, end);
    const eq = pair.indexOf('=');
    if (eq <= 0) return false;
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
    return true;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && depth > 0) depth--;
    else if (c === '&' && depth === 0) {
      if (!take(i)) return undefined;
      start = i + 1;
    }
  }
  return take(text.length) ? out : undefined;
}
