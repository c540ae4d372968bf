import { describe, expect, it } from 'vitest';
import { expectRefused, expectRoleDenied, useInjectBox } from '../support/inject-box.ts';

describe('audit routes (inject)', () => {
  const t = useInjectBox();

  it("a manager reads the audit log, the store's creation in it, and verifies the chain", async () => {
    const r = await t.api('/api/v1/audit?limit=500', { as: 'manager' });
    expect(r.status).toBe(200);
    expect(r.body.data.map((e: { action: string }) => e.action)).toContain('store.created');
    const verify = await t.api('/api/v1/audit/verify', { as: 'manager' });
    expect(verify.status).toBe(200);
    expect(verify.body.data).toMatchObject({ ok: true });
  });

  it('a supervisor may not read or verify the audit log', async () => {
    await expectRoleDenied(t, 'supervisor', '/api/v1/audit');
    await expectRoleDenied(t, 'supervisor', '/api/v1/audit/verify');
  });

  it('a limit out of range is refused naming the field', async () => {
    expectRefused(await t.api('/api/v1/audit?limit=501', { as: 'manager' }), 'VALIDATION_FAILED', 'limit');
    expectRefused(await t.api('/api/v1/audit?before=0', { as: 'manager' }), 'VALIDATION_FAILED', 'before');
  });
});
