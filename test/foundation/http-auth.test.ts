import { describe, expect, it } from 'vitest';
import { TEST_ADMIN_PASSWORD, removeDir, startTestBox, useTestBox } from '../support/test-box.ts';

const t = useTestBox();

describe('health and readiness', () => {
  it('answers /healthz and /readyz without login', async () => {
    const h = await t.api('/healthz');
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ ok: true, data: { status: 'up' } });
    const r = await t.api('/readyz');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, data: { ready: true, database: true, broker: true } });
  });
});

describe('login and roles', () => {
  it('logs in and answers {token, role}, with an HttpOnly session cookie', async () => {
    const res = await fetch(`${t.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }),
    });
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.data.role).toBe('admin');
    expect(body.data.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('sb_session=');
    expect(cookie).toContain('HttpOnly');
    // the cookie alone authenticates the console
    const me = await fetch(`${t.baseUrl}/api/v1/auth/me`, { headers: { cookie: cookie.split(';')[0] } });
    expect((await me.json()).data.username).toBe('admin');
  });

  it('refuses a wrong password with a stable code, in zh-CN by default and English on request', async () => {
    const zh = await t.api('/api/v1/auth/login', { body: { username: 'cashier2', password: 'nope-nope' } });
    expect(zh.status).toBe(401);
    expect(zh.body).toEqual({ ok: false, error: { code: 'AUTH_INVALID_CREDENTIALS', message: '用户名或密码错误' } });
    const en = await t.api('/api/v1/auth/login', {
      body: { username: 'cashier2', password: 'nope-nope' },
      headers: { 'accept-language': 'en-US' },
    });
    expect(en.body.error.message).toBe('Wrong username or password');
  });

  it('requires a session on every other route and checks the role', async () => {
    expect((await t.api('/api/v1/staff')).status).toBe(401);
    expect((await t.api('/api/v1/staff', { token: 'forged' })).body.error.code).toBe('AUTH_TOKEN_INVALID');
    const cashier = await t.login('cashier1', 'cashier1pass');
    const denied = await t.api('/api/v1/staff', { token: cashier });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('AUTH_FORBIDDEN');
    const manager = await t.login('manager1', 'manager1pass');
    const list = await t.api('/api/v1/staff', { token: manager });
    expect(list.status).toBe(200);
    expect(list.body.data.map((u: { username: string }) => u.username)).toContain('cashier1');
    expect(JSON.stringify(list.body)).not.toContain('scrypt');
    expect((await t.api('/metrics', { token: cashier })).status).toBe(403);
    const metrics = await t.api('/metrics', { token: manager });
    expect(metrics.status).toBe(200);
    expect(String(metrics.body)).toContain('storebox_http_requests_total');
  });

  it('rate-limits repeated failures for one user, even with the right password afterwards', async () => {
    for (let i = 0; i < 5; i++)
      expect((await t.api('/api/v1/auth/login', { body: { username: 'super1', password: `wrong-${i}` } })).status).toBe(
        401,
      );
    const limited = await t.api('/api/v1/auth/login', { body: { username: 'super1', password: 'super1pass' } });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('AUTH_RATE_LIMITED');
  });

  it('audits role changes and logins', async () => {
    const admin = await t.login('admin', TEST_ADMIN_PASSWORD);
    const created = await t.api('/api/v1/staff', {
      token: admin,
      body: { username: 'temp1', displayName: '临时工', role: 'cashier', password: 'temp1-password' },
    });
    expect(created.status).toBe(201);
    const changed = await t.api(`/api/v1/staff/${created.body.data.id}`, {
      method: 'PATCH',
      token: admin,
      body: { role: 'supervisor' },
    });
    expect(changed.status).toBe(200);
    const audit = await t.api('/api/v1/audit?limit=50', { token: admin });
    const actions = audit.body.data.map((r: { action: string }) => r.action);
    expect(actions).toContain('staff.role_changed');
    expect(actions).toContain('auth.login');
    expect(actions).toContain('auth.login_failed');
    expect((await t.api('/api/v1/audit/verify', { token: admin })).body.data).toMatchObject({ ok: true });
  });
});

describe('bad input', () => {
  it('answers malformed JSON, wrong types, unknown and missing fields with a code naming the field', async () => {
    const malformed = await t.api('/api/v1/auth/login', { body: '{"username": "admin",' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('MALFORMED_JSON');
    const wrongType = await t.api('/api/v1/auth/login', { body: { username: 42, password: 'x' } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'username' });
    const unknown = await t.api('/api/v1/auth/login', { body: { username: 'a', password: 'b', isAdmin: true } });
    expect(unknown.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'isAdmin' });
    const missing = await t.api('/api/v1/auth/login', { body: { username: 'a' } });
    expect(missing.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'password' });
  });

  it('refuses an oversized body with 413 and never shows a stack trace', async () => {
    const big = await t.api('/api/v1/auth/login', {
      body: JSON.stringify({ username: 'a', password: 'x'.repeat(2_000_000) }),
    });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('BODY_TOO_LARGE');
    expect(JSON.stringify(big.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answers unknown routes with NOT_FOUND', async () => {
    const token = await t.login('admin', TEST_ADMIN_PASSWORD);
    const r = await t.api('/api/v1/nothing-here', { token });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('NOT_FOUND');
  });
});

describe('OpenAPI', () => {
  it('generates the document from the route schemas', async () => {
    const token = await t.login('admin', TEST_ADMIN_PASSWORD);
    const doc = await t.api('/openapi.json', { token });
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toContain('/api/v1/auth/login');
    const page = await fetch(`${t.baseUrl}/docs/`, { headers: { authorization: `Bearer ${token}` } });
    expect(page.status).toBe(200);
    expect(await page.text()).not.toMatch(/https?:\/\/(cdn|unpkg)/);
  });
});

describe('login throttling per address', () => {
  it('refuses further attempts from an address that failed too often, whatever the username', async () => {
    const strict = await startTestBox({ auth: { maxFailuresPerAddress: 3 } });
    try {
      for (const name of ['a1', 'a2', 'a3'])
        expect(
          (await strict.api('/api/v1/auth/login', { body: { username: name, password: 'wrong-pass' } })).status,
        ).toBe(401);
      const next = await strict.api('/api/v1/auth/login', { body: { username: 'manager1', password: 'manager1pass' } });
      expect(next.status).toBe(429);
      expect(next.body.error).toMatchObject({ code: 'AUTH_RATE_LIMITED' });
      expect(next.body.error.params.retryAfterSeconds).toBeGreaterThan(0);
    } finally {
      await strict.stop();
      removeDir(strict.dataDir);
    }
  });
});
