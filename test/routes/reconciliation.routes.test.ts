import { describe, expect, it } from 'vitest';
import { expectRefused, expectRoleDenied, useInjectBox } from '../support/inject-box.ts';

// A reconciliation run reads the day on a worker thread with its own connection to the box's database file, which
// an in-memory database does not have: the runs themselves are the full-box tests' (test/reconciliation/recon-e2e.test.ts).
// Here: what the routes answer from the box's own connection, the roles, and the input refused before any work.
describe('reconciliation routes (inject)', () => {
  const t = useInjectBox();

  it('a manager lists the open anomalies (none without a run) and a day without a run is RECON_RUN_NOT_FOUND', async () => {
    const anomalies = await t.api('/api/v1/reconciliation/anomalies?status=open', { as: 'manager' });
    expect(anomalies.status, JSON.stringify(anomalies.body)).toBe(200);
    expect(anomalies.body.data).toEqual([]);
    expectRefused(
      await t.api('/api/v1/reconciliation?date=2026-01-15', { as: 'manager' }),
      'RECON_RUN_NOT_FOUND',
      'date',
    );
  });

  it('resolving an anomaly that does not exist is refused naming the id', async () => {
    const r = await t.api('/api/v1/reconciliation/anomalies/no-such/resolve', {
      as: 'manager',
      body: { action: 'accept', note: '核对无误' },
    });
    expectRefused(r, 'RECON_ANOMALY_NOT_FOUND', 'id');
  });

  it('a supervisor may not run, read, list or resolve', async () => {
    await expectRoleDenied(t, 'supervisor', '/api/v1/reconciliation/run', { body: { date: '2026-01-15' } });
    await expectRoleDenied(t, 'supervisor', '/api/v1/reconciliation?date=2026-01-15');
    await expectRoleDenied(t, 'supervisor', '/api/v1/reconciliation/anomalies');
    await expectRoleDenied(t, 'supervisor', '/api/v1/reconciliation/anomalies/x/resolve', {
      body: { action: 'accept', note: 'x' },
    });
  });

  it('a day that is not on the calendar, an unknown channel and an unknown action are refused naming the field', async () => {
    expectRefused(
      await t.api('/api/v1/reconciliation/run', { as: 'manager', body: { date: '2026-02-30' } }),
      'VALIDATION_FAILED',
      'date',
    );
    expectRefused(
      await t.api('/api/v1/reconciliation/run', { as: 'manager', body: { date: '2026-02-03', channel: 'paypal' } }),
      'VALIDATION_FAILED',
      'channel',
    );
    expectRefused(
      await t.api('/api/v1/reconciliation/anomalies/x/resolve', {
        as: 'manager',
        body: { action: 'ignore', note: 'x' },
      }),
      'VALIDATION_FAILED',
      'action',
    );
    expectRefused(
      await t.api('/api/v1/reconciliation/anomalies?limit=0', { as: 'manager' }),
      'VALIDATION_FAILED',
      'limit',
    );
  });
});
