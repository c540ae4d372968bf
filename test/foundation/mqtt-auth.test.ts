import { spawn } from 'node:child_process';
import mqtt from 'mqtt';
import { describe, expect, it } from 'vitest';
import { TEST_ADMIN_PASSWORD, useTestBox } from '../support/test-box.ts';

const t = useTestBox();

function connect(
  url: string,
  options: mqtt.IClientOptions,
): Promise<{ client?: mqtt.MqttClient; error?: Error & { code?: number } }> {
  return new Promise((resolve) => {
    const client = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 5000, ...options });
    client.once('connect', () => resolve({ client }));
    client.once('error', (error) => {
      client.end(true);
      resolve({ error: error as Error & { code?: number } });
    });
  });
}

/** Runs Debian's mosquitto_sub once; resolves with its exit code and output. */
function mosquittoSub(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('mosquitto_sub', [
      '-h',
      '127.0.0.1',
      '-p',
      String(t.mqttPort),
      '-V',
      'mqttv311',
      '-W',
      '3',
      ...args,
    ]);
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('MQTT broker authentication (mqtt.js)', () => {
  it('refuses anonymous connections', async () => {
    const { error } = await connect(`mqtt://127.0.0.1:${t.mqttPort}`, {});
    expect(error?.code).toBe(5);
  });
  it('refuses a wrong password', async () => {
    const { error } = await connect(`mqtt://127.0.0.1:${t.mqttPort}`, { username: 'admin', password: 'wrong' });
    expect(error?.code).toBe(4);
  });
  it('accepts valid credentials and delivers inside the store tree', async () => {
    const { client } = await connect(`mqtt://127.0.0.1:${t.mqttPort}`, {
      username: 'admin',
      password: TEST_ADMIN_PASSWORD,
    });
    expect(client).toBeDefined();
    const got = new Promise<string>((resolve) =>
      client!.on('message', (_topic, payload) => resolve(payload.toString())),
    );
    await client!.subscribeAsync('sb/S001/test/#');
    await client!.publishAsync('sb/S001/test/hello', 'hi');
    expect(await got).toBe('hi');
    // the ACL answers SUBACK 0x80 for a filter outside the store tree; mqtt.js reports it as an error
    await expect(client!.subscribeAsync('$SYS/#')).rejects.toThrow(/Subscribe error/);
    await expect(client!.subscribeAsync('sb/S002/#')).rejects.toThrow(/Subscribe error/);
    await client!.endAsync();
  });
  it('serves MQTT over WebSocket at /mqtt on the HTTP port', async () => {
    const anon = await connect(`ws://127.0.0.1:${t.box.http.port}/mqtt`, {});
    expect(anon.error?.code).toBe(5);
    const { client } = await connect(`ws://127.0.0.1:${t.box.http.port}/mqtt`, {
      username: 'manager1',
      password: 'manager1pass',
    });
    expect(client?.connected).toBe(true);
    await client!.endAsync();
  });
  it('does not let a cashier account onto the broker', async () => {
    const { error } = await connect(`mqtt://127.0.0.1:${t.mqttPort}`, {
      username: 'cashier1',
      password: 'cashier1pass',
    });
    expect(error?.code).toBe(4);
  });
});

describe('MQTT broker authentication (Debian mosquitto_sub)', () => {
  it('refuses anonymous and wrong passwords, accepts a valid one', async () => {
    const anon = await mosquittoSub(['-t', 'sb/S001/x', '-C', '1']);
    expect(anon.code).not.toBe(0);
    expect(anon.output).toMatch(/not authori[sz]ed/i);
    const wrong = await mosquittoSub(['-u', 'admin', '-P', 'wrong', '-t', 'sb/S001/x', '-C', '1']);
    expect(wrong.code).not.toBe(0);
    expect(wrong.output).toMatch(/bad user name or password|not authori[sz]ed/i);
    const good = mosquittoSub(['-u', 'admin', '-P', TEST_ADMIN_PASSWORD, '-t', 'sb/S001/x', '-C', '1']);
    // publish after the subscriber is up; retained so timing does not matter
    await t.box.broker.publish('sb/S001/x', 'from-box', { retain: true });
    const result = await good;
    expect(result.output.trim()).toBe('from-box');
    expect(result.code).toBe(0);
  });
});
