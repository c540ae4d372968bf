import { Type, type Static } from '@sinclair/typebox';

/** Alipay OpenAPI merchant configuration (docs/payments.md lists the keys). */
export const AlipayConfigSchema = Type.Object({
  /** 正式环境 https://openapi.alipay.com/gateway.do; tests point it at the simulator. */
  gatewayUrl: Type.String({ default: 'https://openapi.alipay.com/gateway.do', minLength: 1 }),
  appId: Type.String({ minLength: 1 }),
  /** 应用私钥 (RSA2048, PKCS#8 PEM or bare base64). */
  appPrivateKey: Type.String({ minLength: 1 }),
  /** 支付宝公钥 from the open platform console (PEM or bare base64). */
  alipayPublicKey: Type.String({ minLength: 1 }),
  /** For 服务商 acting for a merchant (app_auth_token); empty for a direct merchant. */
  appAuthToken: Type.Optional(Type.String()),
  timeoutMs: Type.Integer({ minimum: 1, default: 15_000 }),
});
export type AlipayConfig = Static<typeof AlipayConfigSchema>;
