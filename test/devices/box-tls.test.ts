import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type PeerCertificate } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import pino from 'pino';
import { parseAgentConfig } from '../../devices/agent/agent-config.ts';
import { loadAgentState } from '../../devices/agent/agent-state.ts';
import { DeviceAgent } from '../../devices/agent/device-agent.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAF_DAYS } from '../../server/adapters/tls/box-ca.ts';
import type { Clock } from '../../server/runtime/clock.ts';
import { removeDir, startTestBox, type TestBox } from '../support/test-box.ts';
import { waitFor } from './device-test-kit.ts';

// The box's HTTPS (http.tlsPort) and MQTT TLS (mqtt.tlsPort) listeners with the box's own CA.
const DAY_MS = 86_400_000;
let now = Date.now();
const clock: Clock = { now: () => new Date(now) };
let t: TestBox;
let agent: DeviceAgent | undefined;
const agentStateDir = mkdtempSync(join(tmpdir(), 'agent-tls-'));
beforeAll(async () => {
  t = await startTestBox({ http: { port: 0, tlsPort: 0 }, mqtt: { port: 0, tlsPort: 0 } }, undefined, clock);
});
afterAll(async () => {
  await agent?.stop();
  await t.stop();
  removeDir(t.dataDir);
  removeDir(agentStateDir);
});

type Handshake = { ok: true; protocol: string; cipher: string; cert: PeerCertificate } | { ok: false; error: string };

/** One TLS handshake with the given client limits; the box CA is trusted, names are not checked (devices pin). */
function handshake(
  port: number,
  options: { ciphers?: string; maxVersion?: 'TLSv1.2' | 'TLSv1.3' } = {},
): Promise<Handshake> {
  return new Promise((resolve) => {
    const socket = connect({
      host: '127.0.0.1',
      port,
      ca: t.box.devices.tls!.caPem,
      checkServerIdentity: () => undefined,
      ...options,
    });
    socket.setTimeout(5000, () => socket.destroy(new Error('timeout')));
    socket.once('secureConnect', () => {
      resolve({
        ok: true,
        protocol: socket.getProtocol() ?? '',
        cipher: socket.getCipher().standardName,
        cert: socket.getPeerCertificate(),
      });
      socket.end();
    });
    socket.once('error', (e) => resolve({ ok: false, error: e.message }));
  });
}

const ports = () => ({ https: t.box.http.tlsPort!, mqtts: t.box.broker.tlsPort! });
const CBC = [
  'ECDHE-ECDSA-AES128-SHA256',
  'ECDHE-ECDSA-AES256-SHA384',
  'ECDHE-ECDSA-AES128-SHA',
  'ECDHE-ECDSA-AES256-SHA',
];
const AEAD = ['ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-ECDSA-CHACHA20-POLY1305'];

describe('box TLS', () => {
  it('refuses every TLS 1.2 CBC suite on HTTPS and MQTT TLS', async () => {
    for (const [listener, port] of Object.entries(ports()))
      for (const cipher of CBC) {
        const r = await handshake(port, { ciphers: cipher, maxVersion: 'TLSv1.2' });
        expect({ listener, cipher, ok: r.ok }).toEqual({ listener, cipher, ok: false });
      }
  });

  it('accepts TLS 1.2 with AEAD suites and TLS 1.3', async () => {
    for (const [listener, port] of Object.entries(ports())) {
      for (const cipher of AEAD) {
        const r = await handshake(port, { ciphers: cipher, maxVersion: 'TLSv1.2' });
        expect({ listener, cipher, ok: r.ok, protocol: r.ok ? r.protocol : r.error }).toEqual({
          listener,
          cipher,
          ok: true,
          protocol: 'TLSv1.2',
        });
      }
      const tls13 = await handshake(port);
      expect(tls13.ok && tls13.protocol).toBe('TLSv1.3');
    }
  });

  it('the box CA is name-constrained to the store LAN: it cannot vouch for another site', () => {
    const dir = mkdtempSync(join(tmpdir(), 'storebox-nc-'));
    try {
      const tlsDir = join(t.dataDir, 'tls');
      const ext = execFileSync(
        'openssl',
        ['x509', '-in', join(tlsDir, 'ca.pem'), '-noout', '-ext', 'nameConstraints'],
        {
          encoding: 'utf8',
        },
      );
      expect(ext).toMatch(/Name Constraints: critical/);
      expect(ext).toContain('DNS:localhost');
      expect(ext).toContain('IP:192.168.0.0/255.255.0.0');
      // a certificate for a public name signed with the box CA's own key does not verify
      const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      run([
        'req',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        'k',
        '-out',
        'csr',
        '-subj',
        '/CN=bank',
      ]);
      writeFileSync(join(dir, 'ext'), 'subjectAltName=DNS:www.bank.example\n');
      run([
        'x509',
        '-req',
        '-in',
        'csr',
        '-CA',
        join(tlsDir, 'ca.pem'),
        '-CAkey',
        join(tlsDir, 'ca.key'),
        '-set_serial',
        '7',
        '-days',
        '1',
        '-extfile',
        'ext',
        '-out',
        'bank.pem',
      ]);
      expect(() => run(['verify', '-CAfile', join(tlsDir, 'ca.pem'), 'bank.pem'])).toThrow(
        /permitted subtree violation/,
      );
      // the box's own certificate does
      expect(run(['verify', '-CAfile', join(tlsDir, 'ca.pem'), join(tlsDir, 'server.pem')]).toString()).toMatch(/OK/);
    } finally {
      removeDir(dir);
    }
  });

  it('the server certificate lives 90 days (LEAF_DAYS) and is renewed automatically before it expires', async () => {
    // a device agent paired over MQTT TLS, pinned to the first certificate
    const codes: string[] = [];
    agent = new DeviceAgent({
      config: parseAgentConfig({
        box: { host: '127.0.0.1', apiPort: t.box.http.port },
        stateDir: agentStateDir,
        deviceId: 'tls-agent',
        tls: true,
        advertise: false,
        reconnectMinMs: 100,
      }),
      log: pino({ level: 'silent' }),
      onPairingCode: (c) => codes.push(c),
    });
    await agent.start();
    const code = await waitFor('pairing code', () => codes[0]);
    const manager = await t.login('manager1', 'manager1pass');
    const approved = await t.api('/api/v1/devices/tls-agent/approve', {
      token: manager,
      body: { code, laneId: 'L01' },
    });
    expect(approved.status).toBe(200);
    await waitFor('agent online', () => t.box.devices.hub.isOnline('tls-agent'), 10_000);
    expect(loadAgentState(agentStateDir, 'tls-agent').pinnedFingerprint).toBe(t.box.devices.tls!.fingerprint);

    const first = new X509Certificate(t.box.devices.tls!.certPem);
    const life = Date.parse(first.validTo) - Date.parse(first.validFrom);
    expect(life).toBeLessThanOrEqual((LEAF_DAYS + 1) * DAY_MS);
    expect(life).toBeGreaterThanOrEqual((LEAF_DAYS - 1) * DAY_MS);
    const renewal = t.box.devices.tlsRenewal!;
    // 59 days in: 31 left, nothing to do
    now = Date.parse(first.validTo) - 31 * DAY_MS;
    expect(await renewal.check()).toBe(false);
    expect(t.box.devices.tls!.fingerprint).toBe(first.fingerprint256);
    // 61 days in: 29 left, reissued from the same CA and served to new connections on both listeners
    now = Date.parse(first.validTo) - 29 * DAY_MS;
    expect(await renewal.check()).toBe(true);
    const renewed = t.box.devices.tls!;
    expect(renewed.fingerprint).not.toBe(first.fingerprint256);
    expect(Date.parse(new X509Certificate(renewed.certPem).validTo)).toBeGreaterThanOrEqual(Date.parse(first.validTo));
    for (const port of Object.values(ports())) {
      const r = await handshake(port);
      expect(r.ok && r.cert.fingerprint256).toBe(renewed.fingerprint);
    }
    // the paired agent, cut off, reconnects to the renewed certificate (signed by the CA it pinned) and pins it
    await waitFor('agent online before the cut', () => t.box.devices.hub.isOnline('tls-agent'));
    expect(t.box.devices.hub.disconnect('tls-agent')).toBe(1);
    await waitFor(
      'the agent pins the renewed certificate',
      () => loadAgentState(agentStateDir, 'tls-agent').pinnedFingerprint === renewed.fingerprint,
      10_000,
    );
    await waitFor('agent online again', () => t.box.devices.hub.isOnline('tls-agent'), 10_000);
  });

  it('the life and the renewal window are the store setting tlsCertificate; a shorter life applies at the next check', async () => {
    now = Date.now();
    const manager = await t.login('manager1', 'manager1pass');
    const bad = await t.api('/api/v1/store/settings', {
      method: 'PUT',
      token: manager,
      body: { tlsCertificate: { lifeDays: 30, renewBeforeDays: 30 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'tlsCertificate.renewBeforeDays' });
    const set = await t.api('/api/v1/store/settings', {
      method: 'PUT',
      token: manager,
      body: { tlsCertificate: { lifeDays: 30, renewBeforeDays: 10 } },
    });
    expect(set.status).toBe(200);
    const before = t.box.devices.tls!.fingerprint;
    expect(await t.box.devices.tlsRenewal!.check()).toBe(true);
    const cert = new X509Certificate(t.box.devices.tls!.certPem);
    expect(cert.fingerprint256).not.toBe(before);
    const life = Date.parse(cert.validTo) - Date.parse(cert.validFrom);
    expect(Math.round(life / DAY_MS)).toBe(30);
    // 25 days left of 30 is more than the 10-day window: it stays
    now = Date.parse(cert.validTo) - 25 * DAY_MS;
    expect(await t.box.devices.tlsRenewal!.check()).toBe(false);
  });
});
