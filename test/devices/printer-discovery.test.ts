import Bonjour from 'bonjour-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestBox, type TestBox } from '../support/test-box.ts';
import { waitFor } from './device-test-kit.ts';

// Loopback only: a fake network printer advertises _pdl-datastream._tcp on 127.0.0.1 and the box
// browses there; nothing is multicast on the machine's real interface.
let t: TestBox;
let advertiser: InstanceType<typeof Bonjour.Bonjour>;
beforeAll(async () => {
  advertiser = new Bonjour.Bonjour({
    interface: '127.0.0.1',
    bind: '0.0.0.0',
  } as unknown as Partial<Bonjour.ServiceConfig>);
  advertiser.publish({
    name: 'XP-80C 前台',
    type: 'pdl-datastream',
    protocol: 'tcp',
    port: 9100,
    host: 'xp80c-test.local',
    disableIPv6: true,
  });
  t = await startTestBox({ mdns: { enabled: true, interface: '127.0.0.1', name: 'storebox-printer-browse' } });
});
afterAll(async () => {
  await t.stop();
  await new Promise<void>((resolve) => advertiser.unpublishAll(() => resolve()));
  advertiser.destroy();
  removeDir(t.dataDir);
});

describe('network printer discovery (mDNS on loopback)', () => {
  it('lists an advertised _pdl-datastream._tcp printer as pending; adding it by address approves the same record', async () => {
    const manager = await t.login('manager1', 'manager1pass');
    const found = await waitFor(
      'discovered printer',
      () => t.box.devices.devices.list().find((d) => d.kind === 'network-printer' && d.name === 'XP-80C 前台'),
      10_000,
    );
    expect(found).toMatchObject({ status: 'pending', address: expect.stringMatching(/:9100$/) });
    const [host] = found.address.split(':');
    const added = await t.api('/api/v1/devices/printers', {
      token: manager,
      body: { host, port: 9100, name: '前台小票机', laneId: 'L01' },
    });
    expect(added.body.data).toMatchObject({ id: found.id, status: 'approved', laneId: 'L01' });
    expect(t.box.devices.devices.list().filter((d) => d.kind === 'network-printer')).toHaveLength(1);
  });
});
