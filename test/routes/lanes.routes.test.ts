import { describe, expect, it } from 'vitest';
import { expectRefused, expectRoleDenied, expectSignInRequired, useInjectBox } from '../support/inject-box.ts';

describe('lanes routes (inject)', () => {
  const t = useInjectBox();

  it('a manager adds, renames and retires a lane; any staff sees the list', async () => {
    const created = await t.api('/api/v1/lanes', { as: 'manager', body: { id: 'L09', name: '9号收银台' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const renamed = await t.api('/api/v1/lanes/L09', { as: 'manager', method: 'PATCH', body: { name: '九号' } });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const list = await t.api('/api/v1/lanes', { as: 'cashier' });
    expect(list.body.data.find((l: { id: string }) => l.id === 'L09')).toMatchObject({ name: '九号' });
    const retired = await t.api('/api/v1/lanes/L09/retire', { as: 'manager', body: {} });
    expect(retired.status, JSON.stringify(retired.body)).toBe(200);
  });

  it('listing needs a session; a supervisor may not add, rename or retire', async () => {
    await expectSignInRequired(t, '/api/v1/lanes');
    await expectRoleDenied(t, 'supervisor', '/api/v1/lanes', { body: { id: 'L08', name: 'x' } });
    await expectRoleDenied(t, 'supervisor', '/api/v1/lanes/L01', { method: 'PATCH', body: { name: 'x' } });
    await expectRoleDenied(t, 'supervisor', '/api/v1/lanes/L01/retire', { body: {} });
  });

  it('a malformed id, a blank name and an unknown lane are refused in the envelope', async () => {
    expectRefused(
      await t.api('/api/v1/lanes', { as: 'manager', body: { id: 'lane-1', name: 'x' } }),
      'VALIDATION_FAILED',
      'id',
    );
    expectRefused(
      await t.api('/api/v1/lanes/L01', { as: 'manager', method: 'PATCH', body: { name: '   ' } }),
      'VALIDATION_FAILED',
      'name',
    );
    const unknown = await t.api('/api/v1/lanes/L77', { as: 'manager', method: 'PATCH', body: { name: 'x' } });
    expect(unknown.body.ok).toBe(false);
    expect(unknown.status).toBe(404);
  });
});
