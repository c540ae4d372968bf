import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, connect as tcpConnect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAgentConfig } from '../../devices/agent/agent-config.ts';
import type { AgentState } from '../../devices/agent/agent-state.ts';
import { DeviceAgent } from '../../devices/agent/device-agent.ts';
import { ensureBoxTls } from '../../server/adapters/tls/box-ca.ts';
import { removeDir, useTestBox } from '../support/test-box.ts';
import { waitFor } from './device-test-kit.ts';

// The agent's credentials never cross the LAN in clear when the box offers HTTPS (http.tlsPort):
// it claims them over TLS pinned to the certificate fingerprint it learned, and a server with any
// other certificate gets a TLS connection and not one byte of a request.

type Started = { agent: DeviceAgent; codes: string[]; logs: { level: number; msg: string }[]; stateDir: string };
const started: Started[] = [];
const servers: Server[] = [];

function startAgent(deviceId: string, box: Record<string, unknown>): Promise<Started> {
  const stateDir = mkdtempSync(join(tmpdir(), 'agent-https-'));
  const codes: string[] = [];
  const logs: Started['logs'] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const config = parseAgentConfig({
    box,
    stateDir,
    deviceId,
    advertise: false,
    reconnectMinMs: 100,
    reconnectMaxMs: 300,
  });
  const agent = new DeviceAgent({ config, log, onPairingCode: (c) => codes.push(c) });
  const s = { agent, codes, logs, stateDir };
  started.push(s);
  return agent.start().then(() => s);
}

async function listen<T extends Server>(server: T): Promise<T & { port: number }> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(server, { port: (server.address() as AddressInfo).port });
}

/** A TCP relay in front of the box's plain HTTP port that keeps every byte crossing it: what a sniffer on the LAN reads. */
async function sniffer(targetPort: number) {
  const seen: Buffer[] = [];
  const server = createTcpServer((client) => {
    const upstream = tcpConnect(targetPort, '127.0.0.1');
    client.on('data', (d: Buffer) => (seen.push(d), upstream.write(d)));
    upstream.on('data', (d: Buffer) => (seen.push(d), client.write(d)));
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const s = await listen(server as unknown as Server);
  return { port: s.port, text: () => Buffer.concat(seen).toString('utf8') };
}

/** An HTTPS server with a certificate of its own (another CA made the same way as the box's). */
async function impostor() {
  const dir = mkdtempSync(join(tmpdir(), 'impostor-tls-'));
  const tls = ensureBoxTls(dir, { boxId: 'impostor-box-0000', storeId: 'EVIL', hosts: ['127.0.0.1'] });
  removeDir(dir);
  const seen = { connections: 0, requests: 0 };
  const server = createHttpsServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
    seen.requests++;
    res.writeHead(500).end();
  });
  server.on('connection', () => seen.connections++); // a TLS 1.3 server may never see the handshake finish: the agent hangs up first
  const s = await listen(server);
  return { port: s.port, fingerprint: tls.fingerprint, seen };
}

afterAll(async () => {
  for (const s of started) {
    await s.agent.stop();
    removeDir(s.stateDir);
  }
  for (const server of servers) {
    server.closeAllConnections?.();
    await new Promise((r) => server.close(r));
  }
});

describe('a box that offers HTTPS', () => {
  const t = useTestBox({ http: { port: 0, tlsPort: 0 } });
  let manager: string;
  beforeAll(async () => {
    manager = await t.login('manager1', 'manager1pass');
  });

  it('pairs over HTTPS pinned to the fingerprint from the announce reply; the claim token and the secret never cross plain HTTP', async () => {
    const wire = await sniffer(t.box.http.port);
    const { agent, codes, stateDir } = await startAgent('https-pos', { host: '127.0.0.1', apiPort: wire.port });
    const code = await waitFor('pairing code', () => codes[0], 10_000);

    // the plain announce's reply offered HTTPS; the claim token it carried was replaced over HTTPS
    const clear = wire.text();
    expect(clear.match(/POST \/api\/v1\/devices\/announce/g)).toHaveLength(1);
    const reply = JSON.parse(clear.slice(clear.indexOf('{"ok"'))).data;
    expect(reply).toMatchObject({
      status: 'pending',
      httpsPort: t.box.http.tlsPort,
      tlsFingerprint: t.box.devices.tls!.fingerprint,
    });
    const stale = await t.api('/api/v1/devices/https-pos/credentials', { body: { claimToken: reply.claimToken } });
    expect(stale.body.error.code).toBe('DEVICE_CLAIM_INVALID');

    expect(
      (await t.api('/api/v1/devices/https-pos/approve', { token: manager, body: { code, laneId: 'L01' } })).status,
    ).toBe(200);
    await waitFor('agent online', () => t.box.devices.hub.isOnline('https-pos'), 10_000);
    expect(agent.phase).toBe('online');
    const state = JSON.parse(readFileSync(join(stateDir, 'agent-state.json'), 'utf8')) as AgentState;
    expect(state.pinnedFingerprint).toBe(t.box.devices.tls!.fingerprint);
    const after = wire.text();
    expect(after).not.toContain('/credentials');
    expect(after).not.toContain(state.credentials!.password);
    expect(after.match(/POST /g)).toHaveLength(1);
  });

  it('refuses an HTTPS server with another certificate at the pinned address: a TLS connection, no request', async () => {
    const fake = await impostor();
    const { agent, codes, logs } = await startAgent('pinned-pos', {
      host: '127.0.0.1',
      apiPort: t.box.http.port,
      httpsPort: fake.port,
      tlsFingerprint: t.box.devices.tls!.fingerprint,
    });
    await waitFor('two refused connections', () => fake.seen.connections >= 2, 10_000);
    expect(fake.seen.requests).toBe(0);
    expect(codes).toEqual([]);
    expect(agent.phase).not.toBe('online');
    expect(t.box.devices.devices.byId('pinned-pos')).toBeUndefined(); // nothing reached the real box either
    expect(logs.some((l) => l.level === 50 && l.msg === 'refusing a server that is not the pinned box')).toBe(true);
    expect(fake.fingerprint).not.toBe(t.box.devices.tls!.fingerprint);
  });

  it('never falls back to plain HTTP for the claim when the offered HTTPS server has another certificate', async () => {
    const fake = await impostor();
    const paths: string[] = [];
    // a plain "box" whose announce reply points the agent at the impostor with the real box's fingerprint
    const plain = await listen(
      createHttpServer((req, res) => {
        paths.push(req.url ?? '');
        req.resume();
        const data = {
          deviceId: 'lured-pos',
          status: 'pending',
          claimToken: 'c'.repeat(43),
          httpsPort: fake.port,
          tlsFingerprint: t.box.devices.tls!.fingerprint,
        };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, data }));
      }),
    );
    const { codes, logs } = await startAgent('lured-pos', { host: '127.0.0.1', apiPort: plain.port });
    await waitFor(
      'a refused connection after each plain announce',
      () => fake.seen.connections >= 2 && paths.length >= 2,
      10_000,
    );
    expect(fake.seen.requests).toBe(0);
    expect(logs.some((l) => l.level === 50 && l.msg === 'refusing a server that is not the pinned box')).toBe(true);
    expect(new Set(paths)).toEqual(new Set(['/api/v1/devices/announce']));
    expect(codes).toEqual([]);
  });
});

describe('a box without HTTPS', () => {
  const t = useTestBox();

  it('pairs over plain HTTP as before and warns that the credentials cross the LAN in clear', async () => {
    const manager = await t.login('manager1', 'manager1pass');
    const { codes, logs } = await startAgent('plain-pos', { host: '127.0.0.1', apiPort: t.box.http.port });
    const code = await waitFor('pairing code', () => codes[0], 10_000);
    expect((await t.api('/api/v1/devices/plain-pos/approve', { token: manager, body: { code } })).status).toBe(200);
    await waitFor('agent online', () => t.box.devices.hub.isOnline('plain-pos'), 10_000);
    expect(logs.some((l) => l.level === 40 && /offers no HTTPS/.test(l.msg))).toBe(true);
  });
});
