import { describe, expect, it } from 'vitest';
import { expectRefused, expectSignInRequired, useInjectBox } from '../support/inject-box.ts';

describe('auth routes (inject)', () => {
  const t = useInjectBox();

  it('a cashier signs in, sees who they are, signs out, and the token stops working', async () => {
    const login = await t.api('/api/v1/auth/login', { body: { username: 'cashier2', password: 'cashier2pass' } });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    expect(String(login.headers['set-cookie'])).toContain('sb_session=');
    const token = login.body.data.token as string;
    const me = await t.api('/api/v1/auth/me', { token });
    expect(me.body.data).toMatchObject({ username: 'cashier2', role: 'cashier', laneId: null });
    expect((await t.api('/api/v1/auth/logout', { token, method: 'POST' })).status).toBe(200);
    expectRefused(await t.api('/api/v1/auth/me', { token }), 'AUTH_TOKEN_INVALID');
  });

  it('a wrong password is refused in the envelope and gives no token', async () => {
    const r = await t.api('/api/v1/auth/login', { body: { username: 'cashier2', password: 'wrong-password' } });
    expectRefused(r, 'AUTH_INVALID_CREDENTIALS');
    expect(r.body.data).toBeUndefined();
  });

  it('who-am-I and sign-out need a session', async () => {
    await expectSignInRequired(t, '/api/v1/auth/me');
    await expectSignInRequired(t, '/api/v1/auth/logout', { method: 'POST' });
  });

  it('a login without a password or with a stray field is refused naming the field', async () => {
    expectRefused(
      await t.api('/api/v1/auth/login', { body: { username: 'cashier2' } }),
      'VALIDATION_FAILED',
      'password',
    );
    expectRefused(
      await t.api('/api/v1/auth/login', { body: { username: 'cashier2', password: 'cashier2pass', role: 'admin' } }),
      'VALIDATION_FAILED',
      'role',
    );
  });
});
