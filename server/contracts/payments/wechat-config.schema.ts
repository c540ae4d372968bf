import { Type, type Static } from '@sinclair/typebox';

/** WeChat Pay API v2 (付款码支付 is a v2-only product) merchant configuration. */
export const WechatConfigSchema = Type.Object({
  baseUrl: Type.String({ default: 'https://api.mch.weixin.qq.com', minLength: 1 }),
  appId: Type.String({ minLength: 1 }),
  mchId: Type.String({ minLength: 1 }),
  /** 服务商 mode: the sub-merchant (特约商户号); empty for a direct merchant. */
  subMchId: Type.Optional(Type.String()),
  /** API v2 密钥 (32 characters, set in 商户平台 → API安全). */
  apiKey: Type.String({ minLength: 1 }),
  signType: Type.Union([Type.Literal('MD5'), Type.Literal('HMAC-SHA256')], { default: 'HMAC-SHA256' }),
  /** spbill_create_ip: the box's address as the terminal IP the channel records. */
  terminalIp: Type.String({ default: '127.0.0.1' }),
  /** apiclient_cert.pem / apiclient_key.pem: /secapi/* (reverse, refund) require the client certificate. */
  clientCertPem: Type.Optional(Type.String()),
  clientKeyPem: Type.Optional(Type.String()),
  timeoutMs: Type.Integer({ minimum: 1, default: 15_000 }),
});
export type WechatConfig = Static<typeof WechatConfigSchema>;
