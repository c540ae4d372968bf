import type { PaymentChannel } from '../../app/ports/payment-channel.port.ts';
import { AlipayChannel } from './alipay/alipay.adapter.ts';
import { UnionpayChannel } from './unionpay/unionpay.adapter.ts';
import { WechatChannel } from './wechat/wechat.adapter.ts';

/** The store's configured QR channels; a channel without configuration is simply not offered. */
export type PaymentChannelsConfig = {
  readonly alipay?: unknown;
  readonly wechat?: unknown;
  readonly unionpay?: unknown;
};

/** Explicit registry (STYLE.md habit 8). Throws on an invalid configuration: the installer must fix it. */
export function createPaymentChannels(config: PaymentChannelsConfig): PaymentChannel[] {
  const channels: PaymentChannel[] = [];
  if (config.alipay !== undefined) channels.push(new AlipayChannel(config.alipay));
  if (config.wechat !== undefined) channels.push(new WechatChannel(config.wechat));
  if (config.unionpay !== undefined) channels.push(new UnionpayChannel(config.unionpay));
  return channels;
}
