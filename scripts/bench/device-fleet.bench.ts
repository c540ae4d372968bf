/**
 * 200 connected devices with presence (retained, last will) and a state heartbeat every 5 s plus
 * MQTT keepalive: the box's CPU time (process.cpuUsage) over a 10 s window, as a share of one core.
 * The devices run in a child process so only the box is measured.
 */
import { spawn } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchResult } from './bench-result.ts';
import { round } from './bench-result.ts';
import { pairInProcess, startBenchBox } from './device-bench-box.ts';

const DEVICES = 200;
const HEARTBEAT_MS = 5000;
const WINDOW_MS = 10_000;

export default async function (): Promise<BenchResult[]> {
  const { box, stop } = await startBenchBox();
  const dir = mkdtempSync(join(tmpdir(), 'fleet-'));
  try {
    const list = Array.from({ length: DEVICES }, (_, i) => {
      const id = `fleet-${String(i).padStart(3, '0')}`;
      const c = pairInProcess(box, id, i % 2 === 0 ? 'L01' : undefined);
      return { username: c.username, password: c.password, topicRoot: `sb/${c.storeId}/dev/${id}/` };
    });
    writeFileSync(join(dir, 'devices.json'), JSON.stringify(list));
    const child = spawn(
      process.execPath,
      [
        join(import.meta.dirname, 'device-fleet.clients.ts'),
        join(dir, 'devices.json'),
        String(HEARTBEAT_MS),
        String(box.broker.port),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('devices did not connect within 30 s')), 30_000);
        child.stdout.on('data', (d: Buffer) => {
          if (d.toString().includes('ready')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => reject(new Error(`device process exited ${code}`)));
      });
      const online = Array.from({ length: DEVICES }, (_, i) =>
        box.devices.hub.isOnline(`fleet-${String(i).padStart(3, '0')}`),
      ).filter(Boolean).length;
      // settle after the connection burst, then measure one window
      await new Promise((r) => setTimeout(r, 1000));
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, WINDOW_MS));
      const cpu = process.cpuUsage(cpu0);
      const share = ((cpu.user + cpu.system) / 1000 / (performance.now() - t0)) * 100;
      return [
        {
          name: `${DEVICES} devices, presence + ${HEARTBEAT_MS / 1000} s heartbeats: box CPU`,
          value: round(share, 2),
          unit: '% core',
          target: '≤ 5 %',
          ok: share <= 5,
        },
        {
          name: 'devices online at the box',
          value: online,
          unit: 'devices',
          target: String(DEVICES),
          ok: online === DEVICES,
        },
      ];
    } finally {
      child.kill('SIGTERM');
    }
  } finally {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
