import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * Channels hand out keys as bare base64 (Alipay's key tool, UnionPay exports) or as PEM; accept both.
 * Bare base64 is PKCS#8 for private keys and SPKI for public keys, as the tools produce.
 */
export function privateKeyFrom(text: string): KeyObject {
  return createPrivateKey(text.includes('-----BEGIN') ? text : wrap(text, 'PRIVATE KEY'));
}

export function publicKeyFrom(text: string): KeyObject {
  return createPublicKey(text.includes('-----BEGIN') ? text : wrap(text, 'PUBLIC KEY'));
}

function wrap(base64: string, label: string): string {
  const body = base64.replace(/\s+/g, '').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}
