import { mkdtempSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import mqtt, { connect as mqttConnect } from 'mqtt';
import { WebSocket, type ClientOptions } from 'ws';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAgentConfig } from '../../devices/agent/agent-config.ts';
import { DeviceAgent } from '../../devices/agent/device-agent.ts';
import { removeDir, useTestBox } from '../support/test-box.ts';
import { pairDevice, waitFor } from './device-test-kit.ts';

// HTTPS and MQTT over WSS on http.tlsPort with the box's own CA: mqtt.js pins the CA and the
// certificate fingerprint from the pairing reply; a wrong fingerprint or no CA is refused; a device
// agent configured with `wss` comes online over it. MQTT over TLS (mqtt.tlsPort) is off here.
const t = useTestBox({ http: { port: 0, tlsPort: 0 } });
let manager: string;
let creds: Awaited<ReturnType<typeof pairDevice>> & { wssPort?: number };
const clients: mqtt.MqttClient[] = [];

function pinned(fingerprint: string) {
  return (_host: string, cert: PeerCertificate) =>
    cert.fingerprint256 === fingerprint ? undefined : new Error(`certificate ${cert.fingerprint256} is not pinned`);
}

/**
 * mqtt.js over wss://: the WebSocket is made here so the pin reaches tls.connect and a refused
 * handshake is reported (mqtt.js itself only sees the socket close).
 */
function wss(options: { ca?: string; fingerprint?: string }): Promise<{ client?: mqtt.MqttClient; error?: Error }> {
  return new Promise((resolve) => {
    const tls = {
      ...(options.ca ? { ca: options.ca } : {}),
      ...(options.fingerprint ? { checkServerIdentity: pinned(options.fingerprint) } : {}),
      rejectUnauthorized: true,
    };
    const client = mqttConnect(`wss://127.0.0.1:${creds.wssPort}/mqtt`, {
      clientId: 'wss-pos',
      username: creds.username,
      password: creds.password,
      protocolVersion: 4,
      reconnectPeriod: 0,
      connectTimeout: 5000,
      createWebsocket: (url: string, protocols: string[]) => {
        const socket = new WebSocket(url, protocols, tls as unknown as ClientOptions);
        socket.on('error', (error) => {
          client.end(true);
          resolve({ error });
        });
        return socket;
      },
    });
    client.once('connect', () => resolve({ client }));
  });
}

/** The HTTP upgrade request an aedes client came in with (aedes keeps it as `client.req`; its typings omit it). */
function upgradeOf(clientId: string): IncomingMessage | undefined {
  const client = Object.values(t.box.broker.broker.clients).find((c) => c.id === clientId);
  return (client as unknown as { req?: IncomingMessage } | undefined)?.req;
}

function httpsGet(path: string, ca: string | undefined): Promise<{ status?: number; error?: Error }> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port: t.box.http.tlsPort, path, ca, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode }));
    });
    req.on('error', (error) => resolve({ error }));
    req.end();
  });
}

beforeAll(async () => {
  manager = await t.login('manager1', 'manager1pass');
  creds = await pairDevice(t, manager, 'wss-pos');
});

afterAll(async () => {
  for (const c of clients) await c.endAsync().catch(() => undefined);
});

describe('HTTPS and MQTT over WSS with the box CA', () => {
  it('offers WSS in the pairing reply with the CA and the fingerprint, and no MQTT TLS port', () => {
    expect(t.box.http.tlsPort).toBeGreaterThan(0);
    expect(creds).toMatchObject({
      wssPort: t.box.http.tlsPort,
      tlsFingerprint: t.box.devices.tls!.fingerprint,
      caPem: t.box.devices.tls!.caPem,
    });
    expect(creds.mqttTlsPort).toBeUndefined();
  });

  it('serves the API over HTTPS to a client that trusts the box CA, and not to one that does not', async () => {
    expect(await httpsGet('/healthz', creds.caPem)).toEqual({ status: 200 });
    const untrusted = await httpsGet('/healthz', undefined);
    expect(untrusted.error?.message).toMatch(/self[- ]signed|unable to (get|verify)/i);
  });

  it('connects mqtt.js over wss:// pinning the CA and the fingerprint; the box sees the device online', async () => {
    const { client, error } = await wss({ ca: creds.caPem, fingerprint: creds.tlsFingerprint! });
    expect(error).toBeUndefined();
    clients.push(client!);
    expect((upgradeOf('wss-pos')?.socket as TLSSocket | undefined)?.encrypted).toBe(true);
    await client!.publishAsync(`sb/${creds.storeId}/dev/wss-pos/presence`, JSON.stringify({ status: 'online' }), {
      qos: 1,
      retain: true,
    });
    await waitFor('online at the hub', () => t.box.devices.hub.isOnline('wss-pos'));
    // the ACL holds over WSS as over TCP: another device's subtree is refused
    await expect(client!.subscribeAsync(`sb/${creds.storeId}/dev/other-pos/#`)).rejects.toThrow(/Subscribe error/);
    await client!.endAsync();
  });

  it('refuses a wrong fingerprint and a client without the CA', async () => {
    const wrong = await wss({
      ca: creds.caPem,
      fingerprint: creds.tlsFingerprint!.replace(/^../, creds.tlsFingerprint!.startsWith('00') ? '11' : '00'),
    });
    expect(wrong.error?.message).toMatch(/not pinned/);
    const noCa = await wss({ fingerprint: creds.tlsFingerprint! });
    expect(noCa.error?.message).toMatch(/self[- ]signed|unable to (get|verify)/i);
    expect(Object.values(t.box.broker.broker.clients).some((c) => c.id === 'wss-pos')).toBe(false);
  });
});

describe('a device agent configured for WSS', () => {
  let agent: DeviceAgent;
  let stateDir: string;
  afterAll(async () => {
    await agent?.stop();
    if (stateDir) removeDir(stateDir);
  });

  it('pairs, pins the fingerprint and comes online over wss://', async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'agent-wss-'));
    const codes: string[] = [];
    const config = parseAgentConfig({
      box: { host: '127.0.0.1', apiPort: t.box.http.port },
      stateDir,
      deviceId: 'wss-agent',
      wss: true,
      advertise: false,
      reconnectMinMs: 100,
    });
    agent = new DeviceAgent({ config, log: pino({ level: 'silent' }), onPairingCode: (c) => codes.push(c) });
    await agent.start();
    const code = await waitFor('pairing code', () => codes[0]);
    expect(
      (await t.api('/api/v1/devices/wss-agent/approve', { token: manager, body: { code, laneId: 'L02' } })).status,
    ).toBe(200);
    await waitFor('agent online', () => t.box.devices.hub.isOnline('wss-agent'), 10_000);
    const upgrade = upgradeOf('wss-agent');
    expect(upgrade?.url).toBe('/mqtt');
    expect((upgrade?.socket as TLSSocket | undefined)?.encrypted).toBe(true);
  });
});
