import type { SecureContextOptions, TlsOptions } from 'node:tls';

/**
 * What the box's TLS listeners (HTTPS/WSS on http.tlsPort, MQTT on mqtt.tlsPort) accept: TLS 1.3,
 * and TLS 1.2 with forward-secret AEAD suites only (ECDHE with AES-GCM or ChaCha20-Poly1305;
 * Mozilla's "intermediate" list). No CBC suites (Lucky13-style padding oracles), no RSA key exchange.
 * Listing the TLS 1.3 suites keeps 1.3 on: Node disables it when `ciphers` names none of them.
 */
export const TLS_CIPHERS = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

/** The options of a box TLS listener (or of its renewed secure context) for this key and certificate. */
export function tlsServerOptions(tls: { key: string; cert: string }): TlsOptions & SecureContextOptions {
  return { key: tls.key, cert: tls.cert, minVersion: 'TLSv1.2', ciphers: TLS_CIPHERS, honorCipherOrder: true };
}
