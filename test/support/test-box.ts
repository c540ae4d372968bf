import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { ConfigSchema, type Config } from '../../server/runtime/config/config.schema.ts';
import { startBox, type Box } from '../../server/main.ts';
import type { Clock } from '../../server/runtime/clock.ts';

export const TEST_ADMIN_PASSWORD = 'admin-test-pass';

export type TestBox = {
  box: Box;
  dataDir: string;
  baseUrl: string;
  mqttPort: number;
  config: Config;
  login(username: string, password: string): Promise<string>;
  /** writes carry a fresh Idempotency-Key, as every client should; pass `idempotencyKey` to choose it, or null for none */
  api(
    path: string,
    init?: {
      method?: string;
      token?: string;
      body?: unknown;
      headers?: Record<string, string>;
      idempotencyKey?: string | null;
    },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  stop(): Promise<void>;
};

/** A test config: temp data dir, ephemeral ports on 127.0.0.1, mDNS off unless asked, quiet logs. */
export function testConfig(dataDir: string, overrides: Record<string, unknown> = {}): Config {
  const raw = {
    dataDir,
    adminPassword: TEST_ADMIN_PASSWORD,
    http: { port: 0 },
    mqtt: { port: 0 },
    mdns: { enabled: false },
    log: { level: 'silent' },
    ...overrides,
  };
  return Value.Default(ConfigSchema, raw) as Config;
}

/** Starts the real box in this process on ephemeral localhost ports in a fresh temp directory. */
export async function startTestBox(
  overrides: Record<string, unknown> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'storebox-test-')),
  clock?: Clock,
): Promise<TestBox> {
  const config = testConfig(dataDir, overrides);
  const box = await startBox(config, pino({ level: 'silent' }), clock);
  const baseUrl = `http://127.0.0.1:${box.http.port}`;
  const api: TestBox['api'] = async (path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: string | undefined;
    if (init.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    }
    const method = init.method ?? (body ? 'POST' : 'GET');
    if (method !== 'GET' && init.idempotencyKey !== null)
      headers['idempotency-key'] ??= init.idempotencyKey ?? randomUUID();
    const res = await fetch(baseUrl + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON (metrics) */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    box,
    dataDir,
    baseUrl,
    mqttPort: box.broker.port,
    config,
    api,
    async login(username, password) {
      const r = await api('/api/v1/auth/login', { body: { username, password } });
      if (r.status !== 200) throw new Error(`login ${username} failed: ${JSON.stringify(r.body)}`);
      return r.body.data.token as string;
    },
    async stop() {
      await box.stop();
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Starts one real box for the enclosing test file (or describe block) and stops it afterwards:
 * `const t = useTestBox(); ... t.api(...)` (t forwards to the box started in beforeAll).
 */
export function useTestBox(overrides: Record<string, unknown> = {}): TestBox {
  let box: TestBox | undefined;
  beforeAll(async () => {
    box = await startTestBox(overrides);
  });
  afterAll(async () => {
    if (!box) return;
    await box.stop();
    removeDir(box.dataDir);
  });
  return new Proxy({} as TestBox, {
    get(_, key) {
      if (!box) throw new Error('the test box is not started yet (use it inside a test)');
      return box[key as keyof TestBox];
    },
  });
}
