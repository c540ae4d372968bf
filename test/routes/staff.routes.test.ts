import { describe, expect, it } from 'vitest';
import { expectRefused, expectRoleDenied, useInjectBox } from '../support/inject-box.ts';

describe('staff routes (inject)', () => {
  const t = useInjectBox();

  it('a manager lists the staff, the demo cashier among them', async () => {
    const r = await t.api('/api/v1/staff', { as: 'manager' });
    expect(r.status).toBe(200);
    expect(r.body.data.map((s: { username: string }) => s.username)).toContain('cashier1');
  });

  it('a supervisor may not list the staff', async () => {
    await expectRoleDenied(t, 'supervisor', '/api/v1/staff');
  });

  it('an admin creates a cashier who can then sign in, and changes their role', async () => {
    const r = await t.api('/api/v1/staff', {
      as: 'admin',
      body: { username: 'inject-cashier', displayName: '收银员', role: 'cashier', password: 'inject-pass-1' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const login = await t.api('/api/v1/auth/login', {
      body: { username: 'inject-cashier', password: 'inject-pass-1' },
    });
    expect(login.status).toBe(200);
    const id = r.body.data.id as number;
    const patched = await t.api(`/api/v1/staff/${id}`, { as: 'admin', method: 'PATCH', body: { role: 'supervisor' } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const list = await t.api('/api/v1/staff', { as: 'manager' });
    expect(list.body.data.find((s: { username: string }) => s.username === 'inject-cashier').role).toBe('supervisor');
  });

  it('a manager may not create or change staff', async () => {
    await expectRoleDenied(t, 'manager', '/api/v1/staff', {
      body: { username: 'nope', displayName: 'x', role: 'cashier', password: 'inject-pass-1' },
    });
    await expectRoleDenied(t, 'manager', '/api/v1/staff/1', { method: 'PATCH', body: { active: false } });
  });

  it('a short password, an unknown role and an empty change are refused naming the field', async () => {
    const short = await t.api('/api/v1/staff', {
      as: 'admin',
      body: { username: 'short', displayName: 'x', role: 'cashier', password: 'short' },
    });
    expectRefused(short, 'VALIDATION_FAILED', 'password');
    const role = await t.api('/api/v1/staff', {
      as: 'admin',
      body: { username: 'badrole', displayName: 'x', role: 'owner', password: 'inject-pass-1' },
    });
    expectRefused(role, 'VALIDATION_FAILED', 'role');
    const empty = await t.api('/api/v1/staff/1', { as: 'admin', method: 'PATCH', body: {} });
    expectRefused(empty, 'VALIDATION_FAILED');
    const id = await t.api('/api/v1/staff/abc', { as: 'admin', method: 'PATCH', body: { active: false } });
    expectRefused(id, 'VALIDATION_FAILED', 'id');
  });
});
