import { generateKeyPairSync } from 'node:crypto';

export type RsaPair = { readonly privateKeyPem: string; readonly publicKeyPem: string };

/** A fresh RSA-2048 key pair (PKCS#8 / SPKI PEM), the shape the channels' key tools produce. */
export function rsaPair(): RsaPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}
