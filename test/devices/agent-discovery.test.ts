import Bonjour from 'bonjour-service';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentAdvertiser } from '../../devices/agent/agent-advertiser.ts';
import { AGENT_SERVICE_TYPE } from '../../server/contracts/devices/agent-advertisement.ts';
import { useTestBox } from '../support/test-box.ts';
import { announceBody, waitFor } from './device-test-kit.ts';

// The box browses for device agents (_storebox-agent._tcp) on loopback only: agents advertised
// here are seen with their address; a known one seen at a new address updates its one record;
// one that never announced is listed but not recorded. Nothing is multicast on a real interface.
const t = useTestBox({
  mdns: { enabled: true, interface: '127.0.0.1', name: 'storebox-agent-browse' },
  devices: { browsePrinters: false },
});
const log = pino({ level: 'silent' });
const advertisers: AgentAdvertiser[] = [];
let raw: InstanceType<typeof Bonjour.Bonjour> | undefined;

afterAll(async () => {
  for (const a of advertisers) await a.stop();
  raw?.destroy();
});

function advertise(deviceId: string, kinds: Array<'scale' | 'printer' | 'drawer' | 'display'>): void {
  const a = new AgentAdvertiser({ interfaceAddress: '127.0.0.1', log });
  a.start({ deviceId, name: `${deviceId} 收银机`, kinds, agentVersion: '9.9.9-test' });
  advertisers.push(a);
}

async function sightings(token: string): Promise<any[]> {
  const r = await t.api('/api/v1/devices/sightings', { token });
  expect(r.status).toBe(200);
  return r.body.data;
}

describe('the box browses for device agents (mDNS on loopback)', () => {
  it('lists an agent that has not announced itself, with its TXT record, without recording it', async () => {
    const manager = await t.login('manager1', 'manager1pass');
    advertise('seen-only-pc', ['scale', 'printer', 'drawer']);
    await waitFor('sighting', () => t.box.devices.sightings.list().some((s) => s.deviceId === 'seen-only-pc'), 10_000);
    const seen = (await sightings(manager)).find((s) => s.deviceId === 'seen-only-pc');
    expect(seen).toMatchObject({
      deviceId: 'seen-only-pc',
      name: 'seen-only-pc 收银机',
      kinds: ['scale', 'printer', 'drawer'],
      agentVersion: '9.9.9-test',
      address: '127.0.0.1',
      status: 'unannounced',
    });
    expect(t.box.devices.devices.byId('seen-only-pc')).toBeUndefined();
  });

  it('updates the address of a known agent seen at a new one, never adding a second record', async () => {
    const manager = await t.login('manager1', 'manager1pass');
    const announced = await t.api('/api/v1/devices/announce', {
      body: announceBody('moved-pc', { address: '10.9.9.9' }),
    });
    expect(announced.status).toBe(200);
    expect(t.box.devices.devices.byId('moved-pc')?.address).toBe('10.9.9.9');
    advertise('moved-pc', ['display']);
    await waitFor('new address', () => t.box.devices.devices.byId('moved-pc')?.address === '127.0.0.1', 10_000);
    expect(t.box.devices.devices.list().filter((d) => d.id === 'moved-pc')).toHaveLength(1);
    expect((await sightings(manager)).find((s) => s.deviceId === 'moved-pc')).toMatchObject({
      status: 'pending',
      address: '127.0.0.1',
    });
  });

  it('ignores an advertisement whose TXT record is not a valid agent one', async () => {
    raw = new Bonjour.Bonjour({ interface: '127.0.0.1', bind: '0.0.0.0' } as unknown as Partial<Bonjour.ServiceConfig>);
    raw.publish({
      name: 'storebox-agent-bogus',
      type: AGENT_SERVICE_TYPE,
      protocol: 'tcp',
      port: 9,
      txt: { id: 'no/slashes', name: 'x', kinds: 'toaster', version: '1' },
      host: 'bogus.local',
      disableIPv6: true,
    });
    advertise('after-bogus-pc', ['scale']);
    await waitFor(
      'the valid agent',
      () => t.box.devices.sightings.list().some((s) => s.deviceId === 'after-bogus-pc'),
      10_000,
    );
    expect(t.box.devices.sightings.list().map((s) => s.deviceId)).not.toContain('no/slashes');
  });

  it('refuses the list to a cashier', async () => {
    const cashier = await t.login('cashier1', 'cashier1pass');
    expect((await t.api('/api/v1/devices/sightings', { token: cashier })).status).toBe(403);
  });
});
