/**
 * Stable scale weight → lane screen: a paired device publishes `events/weight` over MQTT (what the
 * agent does when its scale driver reports a change); the time until the lane's WebSocket receives
 * the `lane.event` with that weight. The scale's own poll interval (200 ms) is not included.
 * Bounded: 500 samples or 20 s.
 */
import { performance } from 'node:perf_hooks';
import mqtt from 'mqtt';
import { WebSocket } from 'ws';
import type { BenchResult } from './bench-result.ts';
import { percentile, round } from './bench-result.ts';
import { pairInProcess, startBenchBox } from './device-bench-box.ts';

export default async function (): Promise<BenchResult[]> {
  const { box, stop } = await startBenchBox();
  try {
    const creds = pairInProcess(box, 'bench-scale-pc', 'L01');
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${box.broker.port}`, {
      username: creds.username,
      password: creds.password,
      clientId: 'bench-scale-pc', // a device's client id is its own id
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    await client.publishAsync(`sb/${creds.storeId}/dev/bench-scale-pc/presence`, JSON.stringify({ status: 'online' }), {
      qos: 1,
      retain: true,
    });
    const base = `http://127.0.0.1:${box.http.port}`;
    const login = (await (
      await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'cashier1', password: 'cashier1pass', laneId: 'L01' }),
      })
    ).json()) as { data: { token: string } };
    const ws = new WebSocket(`ws://127.0.0.1:${box.http.port}/ws/lane?token=${login.data.token}`);
    await new Promise((r) => ws.once('open', r));
    let waiting: { grams: number; resolve: () => void } | undefined;
    ws.on('message', (raw) => {
      const m = JSON.parse(raw.toString()) as { topic: string; payload?: { kind: string; grams: number } };
      if (m.topic === 'lane.event' && m.payload?.kind === 'weight' && waiting && m.payload.grams === waiting.grams)
        waiting.resolve();
    });
    const samples: number[] = [];
    const end = performance.now() + 20_000;
    for (let i = 0; i < 500 && performance.now() < end; i++) {
      const grams = 100 + i;
      const t0 = performance.now();
      const arrived = new Promise<void>((resolve) => (waiting = { grams, resolve }));
      client.publish(
        `sb/${creds.storeId}/dev/bench-scale-pc/events/weight`,
        JSON.stringify({ grams, stable: true, condition: 'ok' }),
      );
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 1000));
      if ((await Promise.race([arrived, timeout])) === 'timeout') continue;
      samples.push(performance.now() - t0);
    }
    ws.close();
    await client.endAsync();
    const p99 = round(percentile(samples, 99));
    return [
      { name: 'stable weight (MQTT) → lane screen, p99', value: p99, unit: 'ms', target: '≤ 20 ms', ok: p99 <= 20 },
      {
        name: 'stable weight → lane screen, p50',
        value: round(percentile(samples, 50)),
        unit: 'ms',
        target: 'info',
        ok: true,
      },
      {
        name: 'weight events delivered',
        value: samples.length,
        unit: 'events',
        target: '500',
        ok: samples.length === 500,
      },
    ];
  } finally {
    await stop();
  }
}
