import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestBox, type TestBox } from '../support/test-box.ts';
import { announceBody, connectMqtt, pairDevice, waitFor } from './device-test-kit.ts';

let t: TestBox;
let manager: string;
beforeAll(async () => {
  t = await startTestBox({ devices: { announcePerMinute: 50, maxPairingFailures: 3 } });
  manager = await t.login('manager1', 'manager1pass');
});
afterAll(async () => {
  await t.stop();
  removeDir(t.dataDir);
});

function mosquitto(
  tool: 'mosquitto_pub' | 'mosquitto_sub',
  args: string[],
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(tool, ['-h', '127.0.0.1', '-p', String(t.mqttPort), '-V', 'mqttv311', ...args]);
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('pairing', () => {
  it('announce → approve with the code → credentials once → MQTT login', async () => {
    const body = announceBody('lane1-pc');
    const announced = await t.api('/api/v1/devices/announce', { body });
    expect(announced.status).toBe(200);
    expect(announced.body.data).toMatchObject({ deviceId: 'lane1-pc', status: 'pending' });
    const early = await t.api('/api/v1/devices/lane1-pc/credentials', {
      body: { claimToken: announced.body.data.claimToken },
    });
    expect(early.body.error.code).toBe('DEVICE_NOT_APPROVED');
    const listed = await t.api('/api/v1/devices', { token: manager });
    expect(listed.body.data.find((d: { id: string }) => d.id === 'lane1-pc')).toMatchObject({
      status: 'pending',
      laneHint: 'L01',
    });
    expect(JSON.stringify(listed.body.data)).not.toMatch(/sha256|123456/);

    const approved = await t.api('/api/v1/devices/lane1-pc/approve', { token: manager, body: { code: '123456' } });
    expect(approved.body.data).toMatchObject({ status: 'approved', laneId: 'L01' });
    const creds = await t.api('/api/v1/devices/lane1-pc/credentials', {
      body: { claimToken: announced.body.data.claimToken },
    });
    expect(creds.status).toBe(200);
    expect(creds.body.data).toMatchObject({ storeId: 'S001', username: 'device:lane1-pc', mqttPort: t.mqttPort });
    const again = await t.api('/api/v1/devices/lane1-pc/credentials', {
      body: { claimToken: announced.body.data.claimToken },
    });
    expect(again.body.error.code).toBe('DEVICE_CREDENTIALS_CLAIMED');

    const { client } = await connectMqtt(`mqtt://127.0.0.1:${t.mqttPort}`, {
      username: creds.body.data.username,
      password: creds.body.data.password,
    });
    expect(client?.connected).toBe(true);
    await client!.endAsync();
    const wrong = await connectMqtt(`mqtt://127.0.0.1:${t.mqttPort}`, {
      username: 'device:lane1-pc',
      password: 'not-the-secret',
    });
    expect(wrong.error?.code).toBe(4);
  });

  it('counts wrong codes and locks after the configured number', async () => {
    await t.api('/api/v1/devices/announce', { body: announceBody('guess-me', { pairingCode: '654321' }) });
    const first = await t.api('/api/v1/devices/guess-me/approve', { token: manager, body: { code: '000000' } });
    expect(first.status).toBe(403);
    expect(first.body.error).toMatchObject({ code: 'DEVICE_PAIRING_CODE_WRONG', params: { remaining: 2 } });
    await t.api('/api/v1/devices/guess-me/approve', { token: manager, body: { code: '000001' } });
    const third = await t.api('/api/v1/devices/guess-me/approve', { token: manager, body: { code: '000002' } });
    expect(third.body.error.code).toBe('DEVICE_PAIRING_LOCKED');
    const right = await t.api('/api/v1/devices/guess-me/approve', { token: manager, body: { code: '654321' } });
    expect(right.body.error.code).toBe('DEVICE_PAIRING_LOCKED');
  });

  it('refuses a duplicate device id from a different agent, and updates the one record on a new address', async () => {
    const original = announceBody('dup-pc', { address: '10.0.0.5' });
    await t.api('/api/v1/devices/announce', { body: original });
    const impostor = await t.api('/api/v1/devices/announce', {
      body: announceBody('dup-pc', { address: '10.0.0.66' }),
    });
    expect(impostor.status).toBe(409);
    expect(impostor.body.error.code).toBe('DEVICE_ID_TAKEN');
    const moved = await t.api('/api/v1/devices/announce', { body: { ...original, address: '10.0.0.9' } });
    expect(moved.status).toBe(200);
    const listed = (await t.api('/api/v1/devices', { token: manager })).body.data.filter(
      (d: { id: string }) => d.id === 'dup-pc',
    );
    expect(listed).toHaveLength(1);
    expect(listed[0].address).toBe('10.0.0.9');
  });

  it('needs a manager to approve, and validates the body naming the field', async () => {
    const cashier = await t.login('cashier1', 'cashier1pass');
    expect((await t.api('/api/v1/devices/lane1-pc/approve', { token: cashier, body: { code: '123456' } })).status).toBe(
      403,
    );
    const bad = await t.api('/api/v1/devices/announce', { body: { ...announceBody('x1-pc'), pairingCode: '12ab56' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toMatch(/pairingCode/);
  });
});

describe('device ACL and message validation on the broker', () => {
  it('keeps a paired device inside its subtree (mqtt.js)', async () => {
    const creds = await pairDevice(t, manager, 'acl-pc');
    const { client } = await connectMqtt(`mqtt://127.0.0.1:${t.mqttPort}`, {
      username: creds.username,
      password: creds.password,
    });
    await expect(client!.subscribeAsync('sb/S001/dev/acl-pc/cmd/#')).resolves.toBeDefined();
    await expect(client!.subscribeAsync('sb/S001/dev/lane1-pc/#')).rejects.toThrow(/Subscribe error/);
    await expect(client!.subscribeAsync('sb/S001/#')).rejects.toThrow(/Subscribe error/);
    await expect(client!.subscribeAsync('#')).rejects.toThrow(/Subscribe error/);
    // a publish to another device's topic is refused and closes only this connection [MQTT-3.3.5-2]
    const closed = new Promise<void>((resolve) => client!.once('close', () => resolve()));
    client!.publish('sb/S001/dev/lane1-pc/events/scan', JSON.stringify({ code: '6901234567892', symbology: 'EAN-13' }));
    await closed;
    client!.end(true);
  });

  it('refuses malformed JSON and schema violations, logs the device, and the store keeps going', async () => {
    const creds = await pairDevice(t, manager, 'bad-json-pc');
    const good = await pairDevice(t, manager, 'good-pc');
    const a = await connectMqtt(`mqtt://127.0.0.1:${t.mqttPort}`, {
      username: creds.username,
      password: creds.password,
    });
    const b = await connectMqtt(`mqtt://127.0.0.1:${t.mqttPort}`, { username: good.username, password: good.password });
    const closed = new Promise<void>((resolve) => a.client!.once('close', () => resolve()));
    a.client!.publish('sb/S001/dev/bad-json-pc/events/weight', '{"grams": 12');
    await closed;
    a.client!.end(true);
    const c = await connectMqtt(`mqtt://127.0.0.1:${t.mqttPort}`, {
      username: creds.username,
      password: creds.password,
    });
    const closed2 = new Promise<void>((resolve) => c.client!.once('close', () => resolve()));
    c.client!.publish(
      'sb/S001/dev/bad-json-pc/events/weight',
      JSON.stringify({ grams: 'heavy', stable: true, condition: 'ok' }),
    );
    await closed2;
    c.client!.end(true);
    // the other device's stable weight still reaches the lane
    await b.client!.publishAsync(
      'sb/S001/dev/good-pc/events/weight',
      JSON.stringify({ grams: 1234, stable: true, condition: 'ok' }),
      { qos: 1 },
    );
    expect(await waitFor('weight', () => t.box.devices.hub.stableWeight('L01'))).toBe(1234);
    await b.client!.endAsync();
  });

  it('keeps a paired device inside its subtree (Debian mosquitto_pub/sub)', async () => {
    const creds = await pairDevice(t, manager, 'mosq-pc');
    // a device connects with its own id as client id (docs/mqtt.md)
    const auth = ['-u', creds.username, '-P', creds.password, '-i', 'mosq-pc'];
    const foreign = await mosquitto('mosquitto_sub', [...auth, '-t', 'sb/S001/dev/lane1-pc/#', '-C', '1', '-W', '2']);
    // mosquitto_sub reports the SUBACK 0x80 and quits without waiting for messages
    expect(foreign.output).toMatch(/denied/i);
    const own = mosquitto('mosquitto_sub', [...auth, '-t', 'sb/S001/dev/mosq-pc/cmd/#', '-C', '1', '-W', '4']);
    await new Promise((r) => setTimeout(r, 300));
    await t.box.broker.publish('sb/S001/dev/mosq-pc/cmd/drawer', JSON.stringify({ commandId: 'c1' }));
    expect((await own).output.trim()).toBe('{"commandId":"c1"}');
    const pub = await mosquitto('mosquitto_pub', [
      ...auth,
      '-t',
      'sb/S001/dev/mosq-pc/events/scan',
      '-m',
      JSON.stringify({ code: '6901234567892', symbology: 'EAN-13' }),
      '-q',
      '1',
    ]);
    expect(pub.code).toBe(0);
  });
});
