import { bonjourOn } from '../transports/bonjour-on-interface.ts';

/** Where the box answers, from its mDNS advertisement (`_storebox._tcp`, TXT: box, version, store, api, mqtt, mqtts, https, tls). */
export type BoxLocation = {
  host: string;
  apiPort: number;
  storeId?: string;
  mqttPort?: number;
  mqttTlsPort?: number;
  httpsPort?: number;
  tlsFingerprint?: string;
};

/**
 * Browses one interface for `_storebox._tcp` until a box answers or `timeoutMs` passes. Queries
 * again every second: the first query may cross the box's announcement.
 */
export function findBox(interfaceAddress: string, timeoutMs: number): Promise<BoxLocation | undefined> {
  const bonjour = bonjourOn(interfaceAddress);
  return new Promise((resolve) => {
    let requery: NodeJS.Timeout | undefined;
    const finish = (found: BoxLocation | undefined) => {
      clearTimeout(timer);
      clearInterval(requery);
      bonjour.destroy();
      resolve(found);
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    const browser = bonjour.find({ type: 'storebox', protocol: 'tcp' }, (service) => {
      const txt = (service.txt ?? {}) as Record<string, string>;
      const host = service.addresses?.find((a) => !a.includes(':')) ?? service.referer?.address;
      if (!host) return;
      const num = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : undefined);
      finish({
        host,
        apiPort: num(txt.api) ?? service.port,
        storeId: txt.store,
        mqttPort: num(txt.mqtt),
        mqttTlsPort: num(txt.mqtts),
        httpsPort: num(txt.https),
        tlsFingerprint: txt.tls,
      });
    });
    requery = setInterval(() => browser.update(), 1000);
  });
}
