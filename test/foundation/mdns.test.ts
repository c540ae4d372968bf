import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Bonjour from 'bonjour-service';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { advertisedAddresses } from '../../server/adapters/discovery/mdns-advertiser.ts';
import { startBox } from '../../server/main.ts';
import { removeDir, startTestBox, testConfig, useTestBox, type TestBox } from '../support/test-box.ts';

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

describe('mDNS advertisement addresses and name conflicts', () => {
  const name = `storebox-trust-${randomUUID().slice(0, 8)}`;
  const boxes: TestBox[] = [];
  afterAll(async () => {
    for (const b of boxes.reverse()) {
      await b.stop();
      removeDir(b.dataDir);
    }
  });

  it('advertises only the address the box listens on (127.0.0.1), not the machine’s other interfaces', async () => {
    const a = await startTestBox({ mdns: { enabled: true, interface: '127.0.0.1', name } });
    boxes.push(a);
    const found = await findOnLoopback((s) => s.name === name && s.txt?.box === a.box.ctx.repos.store.get()!.boxId);
    expect(found.addresses).toEqual(['127.0.0.1']);
    const ready = await a.api('/readyz');
    expect(ready.body.data.mdns).toEqual({ state: 'advertising', name, addresses: ['127.0.0.1'] });
  });

  it('names the mDNS interface address when the box listens on every interface, and nothing it does not listen on', () => {
    expect(advertisedAddresses('0.0.0.0', '192.168.1.20')).toEqual(['192.168.1.20']);
    expect(advertisedAddresses('192.168.1.20', '192.168.1.20')).toEqual(['192.168.1.20']);
    expect(advertisedAddresses('localhost', '127.0.0.1')).toEqual(['127.0.0.1']);
    expect(advertisedAddresses('box.example', '192.168.1.20')).toEqual([]);
  });

  it('a second box with the same name logs the conflict as an error and shows it on /readyz', async () => {
    const first = boxes[0]!;
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (l: string) => void lines.push(l) });
    const dataDir = mkdtempSync(join(tmpdir(), 'storebox-test-'));
    const config = testConfig(dataDir, { mdns: { enabled: true, interface: '127.0.0.1', name } });
    const second = await startBox(config, log);
    boxes.push({ box: second, dataDir, stop: () => second.stop() } as TestBox);
    const ready = await fetch(`http://127.0.0.1:${second.http.port}/readyz`).then((r) => r.json());
    expect(ready.data.ready).toBe(true);
    expect(ready.data.mdns).toMatchObject({ state: 'conflict', name });
    expect(ready.data.mdns.message).toContain(name);
    const errors = lines.map((l) => JSON.parse(l)).filter((l) => l.level >= 50);
    expect(errors.map((e) => e.msg)).toContain(
      'mdns name conflict: another box already advertises this name; not advertising',
    );
    // the first box keeps its name: nothing withdrew its records
    expect((await first.api('/readyz')).body.data.mdns.state).toBe('advertising');
    const still = await findOnLoopback((s) => s.name === name);
    expect(still.txt.box).toBe(first.box.ctx.repos.store.get()!.boxId);
  });
});

/** Browses _storebox._tcp on loopback until a service matches (other engineers' boxes advertise there too). */
async function findOnLoopback(match: (s: Bonjour.Service) => boolean): Promise<Bonjour.Service> {
  const browser = new Bonjour.Bonjour({
    interface: '127.0.0.1',
    bind: '0.0.0.0',
  } as unknown as Partial<Bonjour.ServiceConfig>);
  try {
    return await new Promise<Bonjour.Service>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching _storebox._tcp seen within 8 s')), 8000);
      const b = browser.find({ type: 'storebox' }, (service) => {
        if (!match(service)) return;
        clearTimeout(timer);
        resolve(service);
      });
      setTimeout(() => b.update(), 500);
    });
  } finally {
    browser.destroy();
  }
}
