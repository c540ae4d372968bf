import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAgentConfig, parseAgentConfig } from './agent-config.ts';
import { loadAgentState, newPairingCode } from './agent-state.ts';

describe('agent config', () => {
  it('fills defaults and takes the state dir from STOREBOX_AGENT_DATA_DIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'agent-config-'));
    writeFileSync(
      join(dir, 'agent.json'),
      JSON.stringify({ deviceId: 'lane2-pc', peripherals: { scale: { path: '/dev/ttyUSB0', protocol: 'mt-sics' } } }),
    );
    const config = loadAgentConfig(join(dir, 'agent.json'), { STOREBOX_AGENT_DATA_DIR: '/var/lib/storebox-agent' });
    expect(config).toMatchObject({
      deviceId: 'lane2-pc',
      stateDir: '/var/lib/storebox-agent',
      tls: true,
      mdnsInterface: '127.0.0.1',
      peripherals: { scale: { protocol: 'mt-sics' } },
    });
  });
  it('names the bad key', () => {
    expect(() => parseAgentConfig({ peripherals: { scale: { path: '/dev/ttyUSB0', protocol: 'dibal' } } })).toThrow(
      /peripherals\/scale\/protocol/,
    );
    expect(() => parseAgentConfig({ deviceId: 'a/b' })).toThrow(/deviceId/);
  });
});

describe('agent state', () => {
  it('keeps the same identity across runs, with its file readable only by the agent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agent-state-'));
    const first = loadAgentState(dir, 'lane3-pc');
    const again = loadAgentState(dir, 'ignored-now');
    expect(again).toEqual(first);
    expect(first.agentKey.length).toBeGreaterThanOrEqual(43);
    const { statSync } = await import('node:fs');
    expect(statSync(join(dir, 'agent-state.json')).mode & 0o077).toBe(0);
  });
  it('makes 6-digit pairing codes', () => {
    for (let i = 0; i < 200; i++) expect(newPairingCode()).toMatch(/^\d{6}$/);
  });
});
