import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Credentials } from '../../server/contracts/devices/device-api.schema.ts';

/** What the agent keeps between runs: its identity, and the credentials the box issued once. */
export type AgentState = {
  deviceId: string;
  /** proves to the box that a re-announce comes from the same agent */
  agentKey: string;
  credentials?: Credentials;
  /** the box certificate's fingerprint this agent pinned at pairing */
  pinnedFingerprint?: string;
};

const FILE = 'agent-state.json';

export function loadAgentState(stateDir: string, deviceId: string | undefined): AgentState {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const path = join(stateDir, FILE);
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as AgentState;
  const state: AgentState = {
    deviceId:
      deviceId ??
      `agent-${hostname()
        .toLowerCase()
        .replace(/[^a-z0-9-]/g, '-')}`.slice(0, 64),
    agentKey: randomBytes(32).toString('base64url'),
  };
  saveAgentState(stateDir, state);
  return state;
}

/** Written to a temp file and renamed: a crash never leaves half a state file. Mode 0600: it holds the MQTT secret. */
export function saveAgentState(stateDir: string, state: AgentState): void {
  const path = join(stateDir, FILE);
  writeFileSync(`${path}.tmp`, JSON.stringify(state, null, 2), { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

/** A fresh 6-digit pairing code for each announce (the box keeps only its hash). */
export function newPairingCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}
