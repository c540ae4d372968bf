import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, REPO_ROOT, spawnBox, type BoxProcess } from '../support/box-process.ts';
import { removeDir } from '../support/test-box.ts';
import { waitFor } from './device-test-kit.ts';

/**
 * mDNS discovery and pairing with a real `storebox agent` process. Where network namespaces are
 * allowed (root, iproute2), the box and the agent each run in their own namespace joined by a veth
 * pair, with the multicast route mDNS needs (docs/platform.md); otherwise both use loopback and the
 * test names say so. Nothing is ever multicast on the machine's real interface.
 */
const n = process.pid % 200;
const NS_BOX = `sbbox${process.pid}`;
const NS_AGENT = `sbagt${process.pid}`;
const BOX_IP = `10.231.${n}.1`;
const AGENT_IP = `10.231.${n}.2`;

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: 'pipe' });
}

function makeNamespaces(): boolean {
  try {
    ip('netns', 'add', NS_BOX);
    ip('netns', 'add', NS_AGENT);
    ip('link', 'add', `vb${n}`, 'type', 'veth', 'peer', 'name', `va${n}`);
    ip('link', 'set', `vb${n}`, 'netns', NS_BOX);
    ip('link', 'set', `va${n}`, 'netns', NS_AGENT);
    for (const [ns, dev, addr] of [
      [NS_BOX, `vb${n}`, BOX_IP],
      [NS_AGENT, `va${n}`, AGENT_IP],
    ] as const) {
      ip('-n', ns, 'addr', 'add', `${addr}/24`, 'dev', dev);
      ip('-n', ns, 'link', 'set', dev, 'up');
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      // without a multicast route nothing is sent, silently
      ip('-n', ns, 'route', 'add', '224.0.0.0/4', 'dev', dev);
    }
    return true;
  } catch {
    removeNamespaces();
    return false;
  }
}

function removeNamespaces(): void {
  for (const ns of [NS_BOX, NS_AGENT]) {
    try {
      ip('netns', 'del', ns);
    } catch {
      // not created
    }
  }
}

const isolated = makeNamespaces();
const where = isolated
  ? 'between two network namespaces joined by a veth pair'
  : 'on loopback (network namespaces not permitted here)';
const boxIp = isolated ? BOX_IP : '127.0.0.1';
const agentIp = isolated ? AGENT_IP : '127.0.0.1';
const inNs = (ns: string, argv: string[]) => (isolated ? ['ip', 'netns', 'exec', ns, ...argv] : argv);

let box: BoxProcess;
let agent: ChildProcess;
let agentOut = '';
const dirs: string[] = [];

/** HTTP to the box from the agent's side of the link (curl inside the agent's namespace). */
function api(path: string, body?: unknown, token?: string): any {
  const args = [
    '-s',
    '-m',
    '5',
    ...(body ? ['-X', 'POST', '-H', 'content-type: application/json', '-d', JSON.stringify(body)] : []),
    ...(token ? ['-H', `authorization: Bearer ${token}`] : []),
    `http://${boxIp}:${box.httpPort}${path}`,
  ];
  const [cmd, ...rest] = inNs(NS_AGENT, ['curl', ...args]);
  return JSON.parse(execFileSync(cmd, rest, { encoding: 'utf8' }));
}

beforeAll(async () => {
  const boxDir = mkdtempSync(join(tmpdir(), 'storebox-ns-box-'));
  const agentDir = mkdtempSync(join(tmpdir(), 'storebox-ns-agent-'));
  dirs.push(boxDir, agentDir);
  box = await spawnBox(
    {
      STOREBOX_DATA_DIR: boxDir,
      STOREBOX_HTTP_HOST: boxIp,
      STOREBOX_MQTT_HOST: boxIp,
      STOREBOX_MQTT_TLS_PORT: '0',
      STOREBOX_MDNS: 'true',
      STOREBOX_MDNS_INTERFACE: boxIp,
      STOREBOX_LOG_LEVEL: 'info',
    },
    inNs(NS_BOX, [process.execPath, CLI]),
  );
  writeFileSync(
    join(agentDir, 'agent.json'),
    JSON.stringify({
      mdnsInterface: agentIp,
      stateDir: join(agentDir, 'state'),
      deviceId: 'ns-agent-pc',
      name: '命名空间收银机',
      laneHint: 'L01',
      reconnectMinMs: 200,
      reconnectMaxMs: 1000,
    }),
  );
  const [cmd, ...args] = inNs(NS_AGENT, [process.execPath, CLI, 'agent', '--config', join(agentDir, 'agent.json')]);
  agent = spawn(cmd, args, {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', STOREBOX_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  agent.stdout!.on('data', (d) => (agentOut += d));
  agent.stderr!.on('data', (d) => (agentOut += d));
}, 30_000);

afterAll(async () => {
  agent?.kill('SIGTERM');
  box?.child.kill('SIGTERM');
  await Promise.all([
    box?.exited,
    agent ? new Promise((r) => (agent.exitCode !== null ? r(null) : agent.once('exit', r))) : undefined,
  ]);
  removeNamespaces();
  for (const d of dirs) removeDir(d);
});

describe(`mDNS discovery and pairing ${where}`, () => {
  it('the agent finds the box, shows a pairing code, is approved and comes online over pinned TLS', async () => {
    const code = await waitFor(
      'pairing code on the agent stdout',
      () => /pairing code: (\d{6})/.exec(agentOut)?.[1],
      20_000,
    );
    const manager = api('/api/v1/auth/login', { username: 'manager1', password: 'manager1pass' }).data.token as string;
    const pending = api('/api/v1/devices', undefined, manager).data.find((d: { id: string }) => d.id === 'ns-agent-pc');
    expect(pending).toMatchObject({ status: 'pending', address: agentIp, name: '命名空间收银机' });
    expect(api('/api/v1/devices/ns-agent-pc/approve', { code, laneId: 'L01' }, manager).data.status).toBe('approved');
    const online = await waitFor(
      'agent online at the box',
      () => {
        const d = api('/api/v1/devices', undefined, manager).data.find((x: { id: string }) => x.id === 'ns-agent-pc');
        return d?.online ? d : undefined;
      },
      20_000,
    );
    expect(online).toMatchObject({ laneId: 'L01', status: 'approved' });
    // the agent advertises _storebox-agent._tcp on its side of the link and the box browses for it
    const seen = await waitFor(
      'the agent seen over mDNS',
      () =>
        api('/api/v1/devices/sightings', undefined, manager).data.find(
          (s: { deviceId: string }) => s.deviceId === 'ns-agent-pc',
        ),
      20_000,
    );
    expect(seen).toMatchObject({ address: agentIp, name: '命名空间收银机', status: 'approved' });
    expect(box.output()).not.toMatch(/mqtt tls handshake failed/);
  }, 60_000);
});
