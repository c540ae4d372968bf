import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import pino from 'pino';
import { parseAgentConfig } from '../../devices/agent/agent-config.ts';
import { DeviceAgent } from '../../devices/agent/device-agent.ts';
import { removeDir, type TestBox } from '../support/test-box.ts';

/** An agent's announce body with a fresh key and code (what devices/agent sends). */
export function announceBody(deviceId: string, overrides: Record<string, unknown> = {}) {
  return {
    deviceId,
    agentKey: randomBytes(32).toString('base64url'),
    pairingCode: '123456',
    name: `${deviceId} 收银机`,
    capabilities: ['scale', 'display', 'printer'],
    laneHint: 'L01',
    agentVersion: '0.0.0-test',
    ...overrides,
  };
}

/** Announces, approves with the right code and claims: the MQTT credentials of a paired device. */
export async function pairDevice(
  t: TestBox,
  managerToken: string,
  deviceId: string,
  laneId = 'L01',
): Promise<{
  username: string;
  password: string;
  storeId: string;
  mqttTlsPort?: number;
  tlsFingerprint?: string;
  caPem?: string;
}> {
  const body = announceBody(deviceId);
  const announced = await t.api('/api/v1/devices/announce', { body });
  if (announced.status !== 200) throw new Error(`announce: ${JSON.stringify(announced.body)}`);
  const approved = await t.api(`/api/v1/devices/${deviceId}/approve`, {
    token: managerToken,
    body: { code: body.pairingCode, laneId },
  });
  if (approved.status !== 200) throw new Error(`approve: ${JSON.stringify(approved.body)}`);
  const creds = await t.api(`/api/v1/devices/${deviceId}/credentials`, {
    body: { claimToken: announced.body.data.claimToken },
  });
  if (creds.status !== 200) throw new Error(`credentials: ${JSON.stringify(creds.body)}`);
  return creds.body.data;
}

/** mqtt.js with no reconnects; a device (`device:<id>`) connects with its own id as client id, as the agent does. */
export function connectMqtt(
  url: string,
  options: mqtt.IClientOptions,
): Promise<{ client?: mqtt.MqttClient; error?: Error & { code?: number } }> {
  const deviceId = options.username?.startsWith('device:') ? options.username.slice('device:'.length) : undefined;
  return new Promise((resolve) => {
    const client = mqtt.connect(url, {
      reconnectPeriod: 0,
      connectTimeout: 5000,
      ...(deviceId ? { clientId: deviceId } : {}),
      ...options,
    });
    client.once('connect', () => resolve({ client }));
    client.once('error', (error) => {
      client.end(true);
      resolve({ error: error as Error & { code?: number } });
    });
  });
}

/** Resolves when `predicate` holds, polling every 10 ms; rejects after `timeoutMs`. */
/** Polls `probe` (sync, or async such as an API read) until it gives a value, within `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 5000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A lane screen over /ws/lane: request/reply by transaction, and the `lane.event` pushes it got. */
export async function openLane(t: TestBox, laneId = 'L01') {
  const { WebSocket } = await import('ws');
  const r = await t.api('/api/v1/auth/login', { body: { username: 'cashier1', password: 'cashier1pass', laneId } });
  if (r.status !== 200) throw new Error(`lane login: ${JSON.stringify(r.body)}`);
  const ws = new WebSocket(`ws://127.0.0.1:${t.box.http.port}/ws/lane?token=${r.body.data.token}`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const waiting = new Map<string, (m: any) => void>();
  const events: any[] = [];
  ws.on('message', (raw) => {
    const m = JSON.parse(raw.toString());
    if (m.topic === 'lane.event') events.push(m.payload);
    else if (m.transaction && waiting.has(m.transaction)) waiting.get(m.transaction)!(m);
  });
  let n = 0;
  return {
    events,
    send(topic: string, payload: unknown = {}): Promise<any> {
      const transaction = `tx-${++n}`;
      return new Promise((resolve) => {
        waiting.set(transaction, resolve);
        ws.send(JSON.stringify({ transaction, topic, payload }));
      });
    },
    close: () => ws.close(),
  };
}

/** A lane-made UUIDv7-shaped sale id. */
export function saleId(): string {
  const hex = randomBytes(16).toString('hex');
  return `${Date.now().toString(16).padStart(12, '0').slice(-12, -4)}-${Date.now().toString(16).slice(-4)}-7${hex.slice(0, 3)}-8${hex.slice(3, 6)}-${hex.slice(6, 18)}`;
}

/**
 * A device agent with serial `peripherals` (pty paths), started against the test box, paired by a
 * manager with the code it shows and approved onto `laneId`; resolves once the box sees it online.
 */
export async function pairedAgent(
  t: TestBox,
  options: { deviceId: string; laneId: string; peripherals: Record<string, unknown> },
): Promise<{ agent: DeviceAgent; stop(): Promise<void> }> {
  const manager = await t.login('manager1', 'manager1pass');
  const stateDir = mkdtempSync(join(tmpdir(), 'agent-'));
  const codes: string[] = [];
  const config = parseAgentConfig({
    box: { host: '127.0.0.1', apiPort: t.box.http.port },
    stateDir,
    deviceId: options.deviceId,
    name: '1号收银机',
    advertise: false,
    reconnectMinMs: 100,
    peripherals: options.peripherals,
  });
  const agent = new DeviceAgent({ config, log: pino({ level: 'silent' }), onPairingCode: (c) => codes.push(c) });
  await agent.start();
  const code = await waitFor('pairing code', () => codes[0]);
  const approved = await t.api(`/api/v1/devices/${options.deviceId}/approve`, {
    token: manager,
    body: { code, laneId: options.laneId },
  });
  if (approved.status !== 200) throw new Error(`approve: ${JSON.stringify(approved.body)}`);
  await waitFor('agent online', () => t.box.devices.hub.isOnline(options.deviceId), 10_000);
  return {
    agent,
    async stop() {
      await agent.stop();
      removeDir(stateDir);
    },
  };
}
