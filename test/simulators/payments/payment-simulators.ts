import { AlipaySimulator } from './alipay.simulator.ts';
import type { Fault, Operation, PayBehaviour } from './behaviours.ts';
import type { SimTrade } from './sim-ledger.ts';
import { rsaPair } from './test-keys.ts';
import { UnionpaySimulator } from './unionpay.simulator.ts';
import { WechatSimulator } from './wechat.simulator.ts';

/** What every channel simulator offers to tests and to `npm run simulate`. */
export interface ChannelSimulator {
  readonly calls: { op: Operation; outTradeNo: string }[];
  start(): Promise<void>;
  stop(): Promise<void>;
  script(authCode: string, behaviour: PayBehaviour): void;
  failNext(op: Operation, fault: Fault): void;
  trades(): SimTrade[];
}

export type PaymentSimulators = {
  readonly alipay: AlipaySimulator;
  readonly wechat: WechatSimulator;
  readonly unionpay: UnionpaySimulator;
  /** Adapter configurations pointing at the simulators, in the shape createPaymentChannels() takes. */
  readonly config: {
    alipay: Record<string, unknown>;
    wechat: Record<string, unknown>;
    unionpay: Record<string, unknown>;
  };
  stop(): Promise<void>;
};

/** Starts all three channel simulators on 127.0.0.1 with fresh keys, and the matching adapter config. */
export async function startPaymentSimulators(options: { timeoutMs?: number } = {}): Promise<PaymentSimulators> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const [merchant, alipayKeys, upMerchant, upKeys] = [rsaPair(), rsaPair(), rsaPair(), rsaPair()];
  const apiKey = 'c2b0e8d4f1a6473e9b5d20c7a18f3e64';
  const alipay = new AlipaySimulator({
    appId: '2021000000000001',
    merchantPublicKeyPem: merchant.publicKeyPem,
    alipayPrivateKeyPem: alipayKeys.privateKeyPem,
  });
  const wechat = new WechatSimulator({ appId: 'wx2421b1c4370ec43b', mchId: '10000100', apiKey });
  const unionpay = new UnionpaySimulator({
    merId: '777290058110048',
    merchantPublicKeyPem: upMerchant.publicKeyPem,
    merchantCertId: '69629715588',
    unionpayPrivateKeyPem: upKeys.privateKeyPem,
  });
  const all: ChannelSimulator[] = [alipay, wechat, unionpay];
  await Promise.all(all.map((s) => s.start()));
  return {
    alipay,
    wechat,
    unionpay,
    config: {
      alipay: {
        gatewayUrl: alipay.gatewayUrl,
        appId: '2021000000000001',
        appPrivateKey: merchant.privateKeyPem,
        alipayPublicKey: alipayKeys.publicKeyPem,
        timeoutMs,
      },
      wechat: { baseUrl: wechat.baseUrl, appId: 'wx2421b1c4370ec43b', mchId: '10000100', apiKey, timeoutMs },
      unionpay: {
        gatewayUrl: unionpay.gatewayUrl,
        merId: '777290058110048',
        signPrivateKey: upMerchant.privateKeyPem,
        signCertId: '69629715588',
        unionpayPublicKey: upKeys.publicKeyPem,
        timeoutMs,
      },
    },
    stop: async () => {
      await Promise.all(all.map((s) => s.stop()));
    },
  };
}
