/** A quiet in-process box for the device benchmarks, with paired devices made through the pairing use case. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Value } from '@sinclair/typebox/value';
import { startBox, type Box } from '../../server/main.ts';
import { ConfigSchema, type Config } from '../../server/runtime/config/config.schema.ts';

export async function startBenchBox(
  overrides: Record<string, unknown> = {},
): Promise<{ box: Box; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'storebox-bench-'));
  const config = Value.Default(ConfigSchema, {
    dataDir,
    adminPassword: 'bench-admin-pass',
    http: { port: 0 },
    mqtt: { port: 0 },
    mdns: { enabled: false },
    log: { level: 'silent' },
    devices: { announcePerMinute: 100_000 },
    ...overrides,
  }) as Config;
  const box = await startBox(config, pino({ level: 'silent' }));
  return {
    box,
    async stop() {
      await box.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Announce → approve → claim, in process: the MQTT credentials of a device on `laneId`. */
export function pairInProcess(
  box: Box,
  deviceId: string,
  laneId: string | undefined,
): { username: string; password: string; storeId: string } {
  const { pairing } = box.devices;
  const announced = pairing.announce(
    {
      deviceId,
      agentKey: randomBytes(32).toString('base64url'),
      pairingCode: '246810',
      name: deviceId,
      capabilities: ['scale'],
      agentVersion: 'bench',
    },
    '127.0.0.1',
  );
  if (!announced.ok || !announced.value.claimToken) throw new Error(`announce ${deviceId} failed`);
  const approved = pairing.approve('bench', deviceId, laneId ? { code: '246810', laneId } : { code: '246810' });
  if (!approved.ok) throw new Error(`approve ${deviceId}: ${approved.code}`);
  const creds = pairing.claimCredentials(deviceId, announced.value.claimToken);
  if (!creds.ok) throw new Error(`claim ${deviceId}: ${creds.code}`);
  return creds.value;
}
