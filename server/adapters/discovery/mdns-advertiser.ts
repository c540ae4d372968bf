import { bonjourOn, closeBonjour, type BonjourInstance } from './bonjour-on-interface.ts';
import type { Logger } from 'pino';
import type { Service } from '../../runtime/service.ts';

export const SERVICE_TYPE = 'storebox';

export type Advertisement = {
  name: string;
  port: number;
  txt: Record<string, string>;
};

/**
 * Advertises `_storebox._tcp` over mDNS on one interface only: loopback by default, the LAN
 * address in production. Never on every interface: a development box or a test must not
 * multicast on the machine's real network.
 */
export class MdnsAdvertiser implements Service {
  readonly name = 'mdns';
  private bonjour: BonjourInstance | undefined;
  private readonly interfaceAddress: string;
  private readonly advertisement: () => Advertisement;
  private readonly log: Logger;

  constructor(options: { interfaceAddress: string; advertisement: () => Advertisement; log: Logger }) {
    this.interfaceAddress = options.interfaceAddress;
    this.advertisement = options.advertisement;
    this.log = options.log.child({ svc: 'mdns' });
  }

  async start(): Promise<void> {
    const ad = this.advertisement();
    this.bonjour = bonjourOn(this.interfaceAddress, this.log);
    const hostLabel = ad.name.toLowerCase().replace(/[^a-z0-9-]/g, '-');
    // host must end in .local or other resolvers (avahi) cannot resolve the SRV target
    this.bonjour.publish({
      name: ad.name,
      type: SERVICE_TYPE,
      protocol: 'tcp',
      port: ad.port,
      txt: ad.txt,
      host: `${hostLabel}.local`,
      disableIPv6: true,
    });
    this.log.info({ interface: this.interfaceAddress, name: ad.name }, 'advertising _storebox._tcp');
  }

  async stop(): Promise<void> {
    const bonjour = this.bonjour;
    this.bonjour = undefined;
    if (!bonjour) return;
    await closeBonjour(bonjour);
  }
}
