import { createSign, createVerify, type KeyObject } from 'node:crypto';
import { signingString } from '../signing-string.ts';

/**
 * RSA2 = SHA256withRSA, base64 (Alipay OpenAPI 签名). For OpenAPI requests only `sign` is left out
 * of the string ("剔除sign字段"); `sign_type` is signed. (The older mapi/notify rule drops both.)
 */
export function signAlipayRequest(params: Readonly<Record<string, string>>, key: KeyObject): string {
  return createSign('RSA-SHA256')
    .update(signingString(params, ['sign']), 'utf8')
    .sign(key, 'base64');
}

/**
 * An Alipay answer is `{"<method>_response":{…},"sign":"…"}`; the signature covers the exact bytes
 * of the `<method>_response` value as sent (the SDK's parseSignSourceData), so it is cut out of the
 * raw text, not re-serialised. Errors may come under `error_response` instead.
 */
export type SignedNode = { readonly content: string; readonly sign: string | undefined };

export function extractSignedNode(text: string, node: string): SignedNode | undefined {
  for (const name of [node, 'error_response']) {
    const key = text.indexOf(`"${name}"`);
    if (key < 0) continue;
    const start = text.indexOf('{', key + name.length + 2);
    if (start < 0) return undefined;
    const end = matchingBrace(text, start);
    if (end < 0) return undefined;
    return { content: text.slice(start, end + 1), sign: topLevelSign(text) };
  }
  return undefined;
}

function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

function topLevelSign(text: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    const sign = (parsed as { sign?: unknown }).sign;
    return typeof sign === 'string' && sign !== '' ? sign : undefined;
  } catch {
    return undefined;
  }
}

export function verifyAlipayNode(node: SignedNode, alipayKey: KeyObject): boolean {
  if (node.sign === undefined) return false;
  try {
    return createVerify('RSA-SHA256').update(node.content, 'utf8').verify(alipayKey, node.sign, 'base64');
  } catch {
    return false;
  }
}
