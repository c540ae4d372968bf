import Bonjour from 'bonjour-service';
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
  private bonjour: InstanceType<typeof Bonjour.Bonjour> | undefined;
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
    // bind 0.0.0.0 receives the group's queries; `interface` pins membership and sending to one address
    // bonjour-service passes these options to multicast-dns; its typings only list ServiceConfig
    const socketOptions = { interface: this.interfaceAddress, bind: '0.0.0.0' } as unknown as Partial<Bonjour.ServiceConfig>;
    this.bonjour = new Bonjour.Bonjour(socketOptions, (e: Error) => this.log.warn({ err: e.message }, 'mdns error'));
    const hostLabel = ad.name.toLowerCase().replace(/[^a-z0-9-]/g, '-');
    // host must end in .local or other resolvers (avahi) cannot resolve the SRV target
    this.bonjour.publish({ name: ad.name, type: SERVICE_TYPE, protocol: 'tcp', port: ad.port, txt: ad.txt, host: `${hostLabel}.local`, disableIPv6: true });
    this.log.info({ interface: this.interfaceAddress, name: ad.name }, 'advertising _storebox._tcp');
  }

  async stop(): Promise<void> {
    const bonjour = this.bonjour;
    this.bonjour = undefined;
    if (!bonjour) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1000);
      bonjour.unpublishAll(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    bonjour.destroy();
  }
}
