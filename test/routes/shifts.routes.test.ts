import { describe, expect, it } from 'vitest';
import { expectRefused, expectRoleDenied, expectSignInRequired, useInjectBox } from '../support/inject-box.ts';

describe('shifts routes (inject)', () => {
  const t = useInjectBox();

  it('a cashier opens a shift with a float, pays out, reads the X report and closes it with a count', async () => {
    const opened = await t.api('/api/v1/shifts', { as: 'cashier', body: { laneId: 'L01', floatFen: 20_000 } });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const id = opened.body.data.id as string;
    const out = await t.api(`/api/v1/shifts/${id}/cash-movements`, {
      as: 'cashier',
      body: { kind: 'pay_out', amountFen: 5_000, reason: '买零钱袋' },
    });
    expect(out.status, JSON.stringify(out.body)).toBe(201);
    const x = await t.api(`/api/v1/shifts/${id}/x-report`, { as: 'cashier' });
    expect(x.status, JSON.stringify(x.body)).toBe(200);
    expect(JSON.stringify(x.body.data)).toContain('15000');
    const closed = await t.api(`/api/v1/shifts/${id}/close`, {
      as: 'cashier',
      body: {
        counts: [
          { denominationFen: 10_000, count: 1 },
          { denominationFen: 5_000, count: 1 },
        ],
      },
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect((await t.api(`/api/v1/shifts/${id}`, { as: 'cashier' })).body.data.status).toBe('closed');
    const list = await t.api('/api/v1/shifts?laneId=L01', { as: 'supervisor' });
    expect(list.body.data.map((s: { id: string }) => s.id)).toContain(id);
  });

  it('shifts need a session; the list needs a supervisor', async () => {
    await expectSignInRequired(t, '/api/v1/shifts', { body: { laneId: 'L02', floatFen: 0 } });
    await expectRoleDenied(t, 'cashier', '/api/v1/shifts');
  });

  it('a shift without a lane outside a lane session, a zero pay-out and an unknown shift are refused naming the field', async () => {
    expectRefused(
      await t.api('/api/v1/shifts', { as: 'cashier', body: { floatFen: 0 } }),
      'VALIDATION_FAILED',
      'laneId',
    );
    expectRefused(
      await t.api('/api/v1/shifts/whatever/cash-movements', {
        as: 'cashier',
        body: { kind: 'pay_out', amountFen: 0, reason: 'x' },
      }),
      'VALIDATION_FAILED',
      'amountFen',
    );
    expectRefused(await t.api('/api/v1/shifts/no-such-shift', { as: 'cashier' }), 'SHIFT_NOT_FOUND', 'id');
  });
});
