import Bonjour from 'bonjour-service';
import { describe, expect, it } from 'vitest';
import { useTestBox } from '../support/test-box.ts';

// mDNS on loopback only: the box advertises on 127.0.0.1 and this browser listens there too,
// so nothing is multicast on the machine's real interface.
const t = useTestBox({ mdns: { enabled: true, interface: '127.0.0.1', name: 'storebox-mdns-test' } });

describe('mDNS advertisement', () => {
  it('is seen by a bonjour-service browser with its TXT record', async () => {
    const browser = new Bonjour.Bonjour({
      interface: '127.0.0.1',
      bind: '0.0.0.0',
    } as unknown as Partial<Bonjour.ServiceConfig>);
    try {
      const found = await new Promise<Bonjour.Service>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no _storebox._tcp seen within 8 s')), 8000);
        const b = browser.find({ type: 'storebox' }, (service) => {
          if (service.name !== 'storebox-mdns-test') return;
          clearTimeout(timer);
          resolve(service);
        });
        // query again shortly after: the first query may race the advertiser's announcement
        setTimeout(() => b.update(), 500);
      });
      expect(found.port).toBe(t.box.http.port);
      expect(found.txt).toMatchObject({
        store: 'S001',
        api: String(t.box.http.port),
        mqtt: String(t.mqttPort),
        version: t.box.ctx.version,
      });
      expect(found.txt.box).toMatch(/^[0-9a-f-]{36}$/);
      expect(found.host).toMatch(/\.local$/);
    } finally {
      browser.destroy();
    }
  });
});
