import { describe, expect, it } from 'vitest';
import { expectRefused, expectRoleDenied, expectSignInRequired, useInjectBox } from '../support/inject-box.ts';

describe('store routes (inject)', () => {
  const t = useInjectBox();

  it('any staff reads the store; a manager changes a setting and it reads back', async () => {
    const store = await t.api('/api/v1/store', { as: 'cashier' });
    expect(store.status).toBe(200);
    expect(store.body.data.boxId).toBe(t.box.ctx.repos.store.get()!.boxId);
    const put = await t.api('/api/v1/store/settings', { as: 'manager', method: 'PUT', body: { returnWindowDays: 14 } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const after = await t.api('/api/v1/store', { as: 'cashier' });
    expect(after.body.data.settings.returnWindowDays).toBe(14);
  });

  it('reading the store needs a session; a supervisor may not change settings', async () => {
    await expectSignInRequired(t, '/api/v1/store');
    await expectRoleDenied(t, 'supervisor', '/api/v1/store/settings', { method: 'PUT', body: { returnWindowDays: 7 } });
  });

  it('a return window out of range or an unknown key is refused naming the field, and nothing changes', async () => {
    expectRefused(
      await t.api('/api/v1/store/settings', { as: 'manager', method: 'PUT', body: { returnWindowDays: 366 } }),
      'VALIDATION_FAILED',
      'returnWindowDays',
    );
    expectRefused(
      await t.api('/api/v1/store/settings', { as: 'manager', method: 'PUT', body: { noSuchSetting: 1 } }),
      'VALIDATION_FAILED',
      'noSuchSetting',
    );
    expect((await t.api('/api/v1/store', { as: 'cashier' })).body.data.settings.returnWindowDays).toBe(14);
  });
});
