import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_PASSWORD, removeDir, startTestBox, type TestBox } from '../support/test-box.ts';
import { connectMqtt, pairDevice, waitFor } from './device-test-kit.ts';

let t: TestBox;
let manager: string;
beforeAll(async () => {
  t = await startTestBox();
  manager = await t.login('manager1', 'manager1pass');
});
afterAll(async () => {
  await t.stop();
  removeDir(t.dataDir);
});

const url = () => `mqtt://127.0.0.1:${t.mqttPort}`;
const IDENTIFIER_REJECTED = 2;

/** A client that counts its disconnections (a takeover shows as a close). */
function watchCloses(client: mqtt.MqttClient): { closes: number } {
  const seen = { closes: 0 };
  client.on('close', () => seen.closes++);
  return seen;
}

describe('MQTT client ids belong to one credential', () => {
  it('refuses a paired device that connects with another device’s client id, and the other stays connected', async () => {
    const a = await pairDevice(t, manager, 'cid-a');
    const b = await pairDevice(t, manager, 'cid-b');
    const { client: first } = await connectMqtt(url(), {
      username: a.username,
      password: a.password,
      clientId: 'cid-a',
    });
    const watched = watchCloses(first!);
    const offline: string[] = [];
    const off = t.box.ctx.bus.on('device.presence', (e) => {
      if (!e.online) offline.push(e.deviceId);
    });

    const thief = await connectMqtt(url(), { username: b.username, password: b.password, clientId: 'cid-a' });
    expect(thief.error?.code).toBe(IDENTIFIER_REJECTED);

    // the box's own marker reaches the first device only if its session is still the one it opened
    const got = new Promise<string>((resolve) => first!.on('message', (_t, p) => resolve(p.toString())));
    await first!.subscribeAsync('sb/S001/dev/cid-a/cmd/#');
    await t.box.broker.publish(
      'sb/S001/dev/cid-a/cmd/display',
      JSON.stringify({ commandId: 'm1', event: { kind: 'idle' } }),
    );
    expect(await got).toContain('m1');
    expect(watched.closes).toBe(0);
    expect(t.box.broker.broker.clients['cid-a']?.principal).toEqual({ kind: 'device', deviceId: 'cid-a' });
    expect(offline).toEqual([]);
    off();
    await first!.endAsync();
  });

  it('refuses a device whose client id is not its own device id', async () => {
    const c = await pairDevice(t, manager, 'cid-c');
    const { error } = await connectMqtt(url(), {
      username: c.username,
      password: c.password,
      clientId: 'something-else',
    });
    expect(error?.code).toBe(IDENTIFIER_REJECTED);
    const own = await connectMqtt(url(), { username: c.username, password: c.password, clientId: 'cid-c' });
    expect(own.client?.connected).toBe(true);
    await own.client!.endAsync();
  });

  it('refuses a staff tool that connects with a paired device’s client id', async () => {
    const d = await pairDevice(t, manager, 'cid-d');
    const { client: device } = await connectMqtt(url(), {
      username: d.username,
      password: d.password,
      clientId: 'cid-d',
    });
    const watched = watchCloses(device!);
    const staff = await connectMqtt(url(), { username: 'manager1', password: 'manager1pass', clientId: 'cid-d' });
    expect(staff.error?.code).toBe(IDENTIFIER_REJECTED);
    expect(watched.closes).toBe(0);
    expect(device!.connected).toBe(true);
    await device!.endAsync();
  });

  it('keeps a staff tool’s persistent session, print jobs included, for its own user only', async () => {
    const owner = { username: 'admin', password: TEST_ADMIN_PASSWORD, clientId: 'print-tool', clean: false };
    const { client: tool } = await connectMqtt(url(), owner);
    await tool!.subscribeAsync('sb/S001/jobs/#', { qos: 1 });
    await tool!.endAsync();
    await waitFor('the tool is offline', () => !('print-tool' in t.box.broker.broker.clients));
    // queued for the offline persistent session [MQTT-3.1.2-5]
    await t.box.broker.publish('sb/S001/jobs/receipt', 'job-42', { qos: 1 });

    const other = await connectMqtt(url(), {
      username: 'manager1',
      password: 'manager1pass',
      clientId: 'print-tool',
      clean: true,
    });
    expect(other.error?.code).toBe(IDENTIFIER_REJECTED);

    const received: string[] = [];
    // listening before the CONNACK: the queue is delivered right after it
    const back = mqtt.connect(url(), { ...owner, reconnectPeriod: 0 });
    back.on('message', (_topic, payload) => received.push(payload.toString()));
    await waitFor('the queued job at its own tool', () => received.includes('job-42'));
    expect(received).toEqual(['job-42']);
    await back.endAsync();
  });

  it('frees a clean session’s client id when it disconnects', async () => {
    const { client: first } = await connectMqtt(url(), {
      username: 'admin',
      password: TEST_ADMIN_PASSWORD,
      clientId: 'shared-console',
    });
    await first!.endAsync();
    await waitFor('the console is offline', () => !('shared-console' in t.box.broker.broker.clients));
    const { client: second } = await connectMqtt(url(), {
      username: 'manager1',
      password: 'manager1pass',
      clientId: 'shared-console',
    });
    expect(second?.connected).toBe(true);
    await second!.endAsync();
  });
});
