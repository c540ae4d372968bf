import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startBox } from '../../server/main.ts';
import type { Clock } from '../../server/runtime/clock.ts';
import { testConfig, type TestBox } from '../support/test-box.ts';

/** A clock the test moves: starts on a Tuesday morning in Shanghai, outside the evening double-points window. */
export class TestClock implements Clock {
  private ms: number;
  constructor(iso = '2025-06-10T10:00:00+08:00') {
    this.ms = Date.parse(iso);
  }
  now(): Date {
    return new Date(this.ms);
  }
  advanceDays(days: number): void {
    this.ms += days * 86_400_000;
  }
}

/** The real box (demo store, members seeded) on ephemeral ports with a test clock; same API as startTestBox. */
export async function startLoyaltyBox(clock = new TestClock()): Promise<TestBox & { clock: TestClock }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'storebox-loyalty-'));
  const config = testConfig(dataDir);
  const box = await startBox(config, pino({ level: 'silent' }), clock);
  const baseUrl = `http://127.0.0.1:${box.http.port}`;
  const api: TestBox['api'] = async (path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: string | undefined;
    if (init.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(init.body);
    }
    const res = await fetch(baseUrl + path, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
    return { status: res.status, body: await res.json() };
  };
  return {
    box, dataDir, baseUrl, mqttPort: box.broker.port, config, api, clock,
    async login(username, password) {
      const r = await api('/api/v1/auth/login', { body: { username, password } });
      if (r.status !== 200) throw new Error(`login ${username} failed: ${JSON.stringify(r.body)}`);
      return r.body.data.token as string;
    },
    stop: () => box.stop(),
  };
}

/** A barcode of the demo product with this Chinese name. */
export function barcodeOf(tb: TestBox, nameZh: string): string {
  const p = tb.box.ctx.repos.products.all().find((x) => x.names.zh === nameZh);
  if (!p) throw new Error(`no demo product ${nameZh}`);
  return p.barcodes[0];
}
