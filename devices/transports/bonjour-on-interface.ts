import Bonjour from 'bonjour-service';
import type { Logger } from 'pino';

export type BonjourInstance = InstanceType<typeof Bonjour.Bonjour>;

/**
 * A bonjour-service instance pinned to one interface address (loopback by default, the LAN address
 * in production — never every interface): bind 0.0.0.0 receives the group's queries, `interface`
 * pins membership and sending to that address. bonjour-service passes these options on to
 * multicast-dns; its typings only list ServiceConfig.
 */
export function bonjourOn(interfaceAddress: string, log?: Logger): BonjourInstance {
  const socketOptions = { interface: interfaceAddress, bind: '0.0.0.0' } as unknown as Partial<Bonjour.ServiceConfig>;
  return new Bonjour.Bonjour(socketOptions, (e: Error) => log?.warn({ err: e.message }, 'mdns error'));
}

/** Withdraws what the instance published (goodbye packets, waiting at most 1 s) and closes its socket. */
export async function closeBonjour(bonjour: BonjourInstance): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 1000);
    bonjour.unpublishAll(() => {
      clearTimeout(timer);
      resolve();
    });
  });
  bonjour.destroy();
}
