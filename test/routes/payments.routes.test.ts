import { describe, expect, it } from 'vitest';
import { expectRefused, expectRoleDenied, useInjectBox } from '../support/inject-box.ts';

// A QR payment needs the payment channels (the simulators, test/payments/): the lane-tenders full-box tests cover
// a paid payment read back; here the routes over a box without one.
describe('payments routes (inject)', () => {
  const t = useInjectBox();

  it('a supervisor lists the payments (none yet, orphans neither); a manager runs the recovery, which settles nothing', async () => {
    const list = await t.api('/api/v1/payments', { as: 'supervisor' });
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([]);
    expect((await t.api('/api/v1/payments?orphan=true&status=succeeded', { as: 'supervisor' })).body.data).toEqual([]);
    const recover = await t.api('/api/v1/payments/recover', { as: 'manager', method: 'POST' });
    expect(recover.status, JSON.stringify(recover.body)).toBe(200);
  });

  it('a cashier may not list or read payments; a supervisor may not run the recovery', async () => {
    await expectRoleDenied(t, 'cashier', '/api/v1/payments');
    await expectRoleDenied(t, 'cashier', `/api/v1/payments/${'a'.repeat(32)}`);
    await expectRoleDenied(t, 'supervisor', '/api/v1/payments/recover', { method: 'POST' });
  });

  it('an unknown status, a malformed id and an unknown payment are refused naming the field', async () => {
    expectRefused(await t.api('/api/v1/payments?status=lost', { as: 'supervisor' }), 'VALIDATION_FAILED', 'status');
    expectRefused(await t.api('/api/v1/payments/xyz', { as: 'supervisor' }), 'VALIDATION_FAILED', 'id');
    expectRefused(await t.api(`/api/v1/payments/${'a'.repeat(32)}`, { as: 'supervisor' }), 'PAYMENT_NOT_FOUND', 'id');
  });
});
