import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, expect } from 'vitest';
import { openMemoryDatabase, type Db } from '../../server/adapters/sqlite/database.ts';
import { loadMigrations } from '../../server/adapters/sqlite/migration-files.ts';
import { migrate } from '../../server/adapters/sqlite/migrator.ts';
import { DEMO_STAFF, firstStart } from '../../server/app/setup/first-start.ts';
import { createLoyalty } from '../../server/features/loyalty/loyalty-stores.ts';
import { createStoreContext } from '../../server/features/store-context.ts';
import { composeFeatures } from '../../server/main.ts';
import type { Clock } from '../../server/runtime/clock.ts';
import type { Config } from '../../server/runtime/config/config.schema.ts';
import type WebSocket from 'ws';
import { v7 as uuidv7 } from 'uuid';
import { LaneClient } from './lane-client.ts';
import { TEST_ADMIN_PASSWORD, removeDir, testConfig } from './test-box.ts';

/** The roles of the demo staff (server/app/setup/first-start.ts) plus the first admin, least first. */
export type TestRole = 'cashier' | 'supervisor' | 'manager' | 'admin';

const PASSWORDS: Record<TestRole, { username: string; password: string }> = {
  cashier: { username: 'cashier1', password: DEMO_STAFF.find((s) => s.username === 'cashier1')!.password },
  supervisor: { username: 'super1', password: DEMO_STAFF.find((s) => s.username === 'super1')!.password },
  manager: { username: 'manager1', password: DEMO_STAFF.find((s) => s.username === 'manager1')!.password },
  admin: { username: 'admin', password: TEST_ADMIN_PASSWORD },
};

export type InjectReply = { status: number; body: any; headers: Record<string, unknown> };

export type InjectBox = {
  /** the app with every feature's routes, the auth and idempotency hooks and the error handler; never listening */
  app: FastifyInstance;
  /** the box's handles, as startBox returns them (nothing in them is started) */
  box: ReturnType<typeof composeFeatures>['handles'];
  db: Db;
  config: Config;
  /**
   * One request through app.inject(). `as` signs in as that role's demo staff (tokens are cached); writes carry a
   * fresh Idempotency-Key unless `idempotencyKey` is given (null: none).
   */
  api(
    path: string,
    init?: {
      method?: string;
      as?: TestRole;
      token?: string;
      body?: unknown;
      headers?: Record<string, string>;
      idempotencyKey?: string | null;
    },
  ): Promise<InjectReply>;
  /**
   * A lane screen at `laneId` over app.injectWS (no socket): the demo cashier signs in at that lane and opens
   * /ws/lane with the lane token. Close it when done.
   */
  lane(laneId: string, staff?: { username: string; password: string }): Promise<LaneClient>;
  /** a session token for that role's demo staff (signed in once per box) */
  token(role: TestRole): Promise<string>;
  close(): Promise<void>;
};

/**
 * The route-level test tier (docs/architecture.md, "Tests"): the box's real features (server/main.ts composeFeatures)
 * over an in-memory SQLite database with the migrations applied and the first start done (demo store and staff),
 * and the real HTTP app built without listening — no broker, no mDNS, no workers, no sockets. Requests go through
 * app.inject().
 */
export async function startInjectBox(overrides: Record<string, unknown> = {}, clock?: Clock): Promise<InjectBox> {
  // the statements import spools to <dataDir>/tmp; nothing else writes there without TLS
  const dataDir = mkdtempSync(join(tmpdir(), 'storebox-inject-'));
  const config = testConfig(dataDir, { demo: true, ...overrides });
  const log = pino({ level: 'silent' });
  const db = openMemoryDatabase();
  migrate(db, loadMigrations());
  const ctx = createStoreContext(config, db, log, clock ?? { now: () => new Date() });
  await firstStart(ctx, () => createLoyalty(ctx));
  const { platform, handles } = composeFeatures(ctx);
  // what the catalog refresher's start does: the lanes' in-memory index loaded (no service is started here)
  handles.catalog.refresh();
  const app = await platform.http.build();
  await app.ready();
  const tokens = new Map<TestRole, string>();

  const api: InjectBox['api'] = async (path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    const token = init.token ?? (init.as ? await tokenFor(init.as) : undefined);
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: string | undefined;
    if (init.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      payload = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    }
    const method = (init.method ?? (payload !== undefined ? 'POST' : 'GET')) as 'GET';
    if (method !== 'GET' && init.idempotencyKey !== null)
      headers['idempotency-key'] ??= init.idempotencyKey ?? randomUUID();
    const res = await app.inject({ method, url: path, headers, payload });
    let body: unknown = res.body;
    try {
      body = JSON.parse(res.body);
    } catch {
      /* not JSON (metrics, console files) */
    }
    return { status: res.statusCode, body, headers: res.headers };
  };

  async function tokenFor(role: TestRole): Promise<string> {
    const cached = tokens.get(role);
    if (cached) return cached;
    const r = await api('/api/v1/auth/login', { body: PASSWORDS[role] });
    if (r.status !== 200) throw new Error(`login as ${role} failed: ${JSON.stringify(r.body)}`);
    tokens.set(role, r.body.data.token as string);
    return r.body.data.token as string;
  }

  async function lane(laneId: string, staff = PASSWORDS.cashier): Promise<LaneClient> {
    const r = await api('/api/v1/auth/login', { body: { ...staff, laneId } });
    if (r.status !== 200) throw new Error(`lane login at ${laneId} failed: ${JSON.stringify(r.body)}`);
    const socket = await app.injectWS(`/ws/lane?token=${encodeURIComponent(r.body.data.token as string)}`);
    return LaneClient.attach(socket as unknown as WebSocket);
  }

  return {
    app,
    box: handles,
    lane,
    db,
    config,
    api,
    token: tokenFor,
    async close() {
      await app.close();
      db.close();
      removeDir(dataDir);
    },
  };
}

/** One inject box for the enclosing test file (or describe block): `const t = useInjectBox(); ... t.api(...)`. */
export function useInjectBox(overrides: Record<string, unknown> = {}, clock?: Clock): InjectBox {
  let box: InjectBox | undefined;
  beforeAll(async () => {
    box = await startInjectBox(overrides, clock);
  });
  afterAll(async () => {
    await box?.close();
  });
  return new Proxy({} as InjectBox, {
    get(_, key) {
      if (!box) throw new Error('the inject box is not built yet (use it inside a test)');
      return box[key as keyof InjectBox];
    },
  });
}

/** The reply is the envelope's refusal with this code (and, when given, naming this field). */
export function expectRefused(r: InjectReply, code: string, field?: string): void {
  expect(r.body, JSON.stringify(r.body)).toMatchObject({ ok: false, error: { code } });
  expect(typeof r.body.error.message).toBe('string');
  if (field !== undefined) expect(r.body.error.field).toBe(field);
  expect(r.status).toBeGreaterThanOrEqual(400);
  expect(r.status).toBeLessThan(500);
}

/** A role below the route's is refused with AUTH_FORBIDDEN (403), naming the role required. */
export async function expectRoleDenied(
  t: InjectBox,
  role: TestRole,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<void> {
  const r = await t.api(path, { ...init, as: role });
  expect(r.status, JSON.stringify(r.body)).toBe(403);
  expectRefused(r, 'AUTH_FORBIDDEN');
}

/** Without a session a route that needs one is refused with AUTH_REQUIRED (401). */
export async function expectSignInRequired(
  t: InjectBox,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<void> {
  const r = await t.api(path, init);
  expect(r.status, JSON.stringify(r.body)).toBe(401);
  expectRefused(r, 'AUTH_REQUIRED');
}

/** A cash sale of these barcodes (one each) at `laneId`, paid exactly, through the lane protocol over injectWS. */
export async function sellForCash(
  t: InjectBox,
  laneId: string,
  barcodes: readonly string[],
): Promise<{ saleId: string; receiptNo: string; dueFen: number }> {
  const lane = await t.lane(laneId);
  try {
    await lane.send('cart.open');
    let due = 0;
    for (const code of barcodes) {
      const scanned = await lane.send('cart.scan', { code });
      if (!scanned.ok) throw new Error(`scan ${code} refused: ${JSON.stringify(scanned)}`);
      due = scanned.data.cart!.totals.dueFen;
    }
    await lane.send('cart.tenderCash', { amountFen: due });
    const done = await lane.send('cart.complete', { saleId: uuidv7(), expectedDueFen: due });
    if (!done.ok) throw new Error(`sale refused: ${JSON.stringify(done)}`);
    return { saleId: done.data.sale!.saleId, receiptNo: done.data.sale!.receiptNo, dueFen: due };
  } finally {
    lane.close();
  }
}
