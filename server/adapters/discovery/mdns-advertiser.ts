import { isIPv4, isIPv6 } from 'node:net';
import { bonjourOn, closeBonjour, type BonjourInstance } from '../../../devices/transports/bonjour-on-interface.ts';
import type { Logger } from 'pino';
import type { Service } from '../../runtime/service.ts';

export const SERVICE_TYPE = 'storebox';

export type Advertisement = {
  name: string;
  port: number;
  txt: Record<string, string>;
};

/** What /readyz shows of the advertisement: probing, advertising, in conflict with another box's name, or stopped. */
export type MdnsStatus = {
  state: 'probing' | 'advertising' | 'conflict' | 'stopped';
  name: string;
  /** the A records: only addresses the box listens on */
  addresses: string[];
  message?: string;
};

/** How long start() waits for the name probe (RFC 6762 §8.1: three queries 250 ms apart) and the first announcement. */
const PROBE_WAIT_MS = 3000;

type DnsRecord = { name: string; type: string; ttl?: number; data: unknown };

/**
 * The addresses to put in the A records: the HTTP listener's address, or, when it listens on every
 * interface (0.0.0.0 / ::), the address of the interface mDNS runs on. Never an address the box does
 * not listen on (bonjour-service would otherwise list every non-loopback interface of the machine).
 */
export function advertisedAddresses(listenHost: string, interfaceAddress: string): string[] {
  const host = listenHost === 'localhost' ? '127.0.0.1' : listenHost;
  if (host === '0.0.0.0' || host === '::') return isIPv4(interfaceAddress) ? [interfaceAddress] : [];
  return isIPv4(host) ? [host] : [];
}

/**
 * Advertises `_storebox._tcp` over mDNS on one interface only: loopback by default, the LAN
 * address in production. Never on every interface: a development box or a test must not
 * multicast on the machine's real network. The A records name only the addresses the box listens
 * on. The name is probed first (bonjour-service asks for it three times); when another box already
 * answers for it, the box does not advertise, logs an error and /readyz shows the conflict.
 */
export class MdnsAdvertiser implements Service {
  readonly name = 'mdns';
  private bonjour: BonjourInstance | undefined;
  private readonly interfaceAddress: string;
  private readonly listenHost: string;
  private readonly advertisement: () => Advertisement;
  private readonly log: Logger;
  private current: MdnsStatus = { state: 'stopped', name: '', addresses: [] };

  constructor(options: {
    interfaceAddress: string;
    /** the host the HTTP listener (the advertised port) is bound to */
    listenHost: string;
    advertisement: () => Advertisement;
    log: Logger;
  }) {
    this.interfaceAddress = options.interfaceAddress;
    this.listenHost = options.listenHost;
    this.advertisement = options.advertisement;
    this.log = options.log.child({ svc: 'mdns' });
  }

  status(): MdnsStatus {
    return { ...this.current, addresses: [...this.current.addresses] };
  }

  async start(): Promise<void> {
    const ad = this.advertisement();
    const addresses = advertisedAddresses(this.listenHost, this.interfaceAddress);
    this.current = { state: 'probing', name: ad.name, addresses };
    const bonjour = bonjourOn(this.interfaceAddress, this.log);
    this.bonjour = bonjour;
    const hostLabel = ad.name.toLowerCase().replace(/[^a-z0-9-]/g, '-');
    // host must end in .local or other resolvers (avahi) cannot resolve the SRV target
    const service = bonjour.publish({
      name: ad.name,
      type: SERVICE_TYPE,
      protocol: 'tcp',
      port: ad.port,
      txt: ad.txt,
      host: `${hostLabel}.local`,
      disableIPv6: true,
      probe: true,
    });
    // publish() only starts the probe; the records are read when it announces, so this is in time
    const records = service.records.bind(service) as () => DnsRecord[];
    service.records = (() => [
      ...records().filter((r) => r.type !== 'A' && r.type !== 'AAAA'),
      ...addresses.map((ip) => ({ name: service.host, type: isIPv6(ip) ? 'AAAA' : 'A', ttl: 120, data: ip })),
    ]) as typeof service.records;
    const settled = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, PROBE_WAIT_MS);
      service.once('up', () => {
        clearTimeout(timer);
        this.current = { ...this.current, state: 'advertising' };
        resolve();
      });
      // bonjour-service calls stop() when its probe hears the name answered by someone else; it would then
      // send goodbye packets for that name (withdrawing the other box's records from every cache) and only
      // console.log: here it records the conflict and withdraws nothing
      service.stop = () => {
        clearTimeout(timer);
        service.activated = false;
        this.current = {
          ...this.current,
          state: 'conflict',
          message: `another host already advertises ${ad.name}._${SERVICE_TYPE}._tcp.local: set a unique mdns.name or store id`,
        };
        this.log.error(
          { interface: this.interfaceAddress, name: ad.name },
          'mdns name conflict: another box already advertises this name; not advertising',
        );
        resolve();
      };
    });
    await settled;
    if (addresses.length === 0)
      this.log.warn(
        { listenHost: this.listenHost },
        'mdns: http.host is not an IPv4 address, so no A record is advertised; set http.host to the LAN address',
      );
    if (this.current.state !== 'conflict')
      this.log.info({ interface: this.interfaceAddress, name: ad.name, addresses }, 'advertising _storebox._tcp');
  }

  async stop(): Promise<void> {
    const bonjour = this.bonjour;
    this.bonjour = undefined;
    if (!bonjour) return;
    this.current = { ...this.current, state: 'stopped' };
    await closeBonjour(bonjour);
  }
}
