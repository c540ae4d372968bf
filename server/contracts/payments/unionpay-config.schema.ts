import { Type, type Static } from '@sinclair/typebox';

/** UnionPay ACP (全渠道) 二维码支付 merchant configuration. */
export const UnionpayConfigSchema = Type.Object({
  /** Production https://gateway.95516.com, test https://gateway.test.95516.com. */
  gatewayUrl: Type.String({ default: 'https://gateway.95516.com', minLength: 1 }),
  merId: Type.String({ minLength: 1 }),
  /** Private key of the merchant signing certificate (from acp_sign.pfx: openssl pkcs12 -nocerts -nodes). */
  signPrivateKey: Type.String({ minLength: 1 }),
  /** certId: the signing certificate's serial number, in decimal, as the ACP SDK sends it. */
  signCertId: Type.String({ pattern: '^[0-9]+$' }),
  /** UnionPay's answer-signing public key (from its signPubKeyCert / acp_verify_sign certificate), pinned. */
  unionpayPublicKey: Type.String({ minLength: 1 }),
  /** backUrl is mandatory in consume/refund requests; the box has no inbound internet, so the result is queried instead. */
  backUrl: Type.String({ default: 'https://localhost/unionpay/notify', minLength: 1 }),
  timeoutMs: Type.Integer({ minimum: 1, default: 15_000 }),
});
export type UnionpayConfig = Static<typeof UnionpayConfigSchema>;
