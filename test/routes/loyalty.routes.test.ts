import { describe, expect, it } from 'vitest';
import { expectRefused, expectRoleDenied, expectSignInRequired, useInjectBox } from '../support/inject-box.ts';

describe('loyalty routes (inject)', () => {
  const t = useInjectBox();

  it('any staff reads the programme; a manager puts it back changed and it reads back', async () => {
    const config = await t.api('/api/v1/loyalty/config', { as: 'cashier' });
    expect(config.status).toBe(200);
    const changed = { ...config.body.data, couponTemplates: config.body.data.couponTemplates.slice() };
    changed.couponTemplates[0] = { ...changed.couponTemplates[0], name: '注入测试券' };
    const put = await t.api('/api/v1/loyalty/config', { as: 'manager', method: 'PUT', body: changed });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const after = await t.api('/api/v1/loyalty/config', { as: 'cashier' });
    expect(after.body.data.couponTemplates[0].name).toBe('注入测试券');
  });

  it('a manager verifies the points ledger, runs a nightly job and reads the stored-value liability', async () => {
    const verify = await t.api('/api/v1/loyalty/verify', { as: 'manager', method: 'POST' });
    expect(verify.status, JSON.stringify(verify.body)).toBe(200);
    const job = await t.api('/api/v1/loyalty/jobs/coupon-expiry', { as: 'manager', method: 'POST' });
    expect(job.status, JSON.stringify(job.body)).toBe(200);
    expect(job.body.data.job).toBe('coupon-expiry');
    const liability = await t.api('/api/v1/loyalty/stored-value/liability?through=2026-01-31', { as: 'manager' });
    expect(liability.status, JSON.stringify(liability.body)).toBe(200);
  });

  it('reading needs a session; changing, verifying, jobs and liability need a manager', async () => {
    await expectSignInRequired(t, '/api/v1/loyalty/config');
    await expectRoleDenied(t, 'supervisor', '/api/v1/loyalty/config', { method: 'PUT', body: {} });
    await expectRoleDenied(t, 'supervisor', '/api/v1/loyalty/verify', { method: 'POST' });
    await expectRoleDenied(t, 'supervisor', '/api/v1/loyalty/jobs/tiers', { method: 'POST' });
    await expectRoleDenied(t, 'supervisor', '/api/v1/loyalty/stored-value/liability');
  });

  it('an invalid programme, an unknown job and a malformed date are refused naming the field; the programme is kept', async () => {
    const before = (await t.api('/api/v1/loyalty/config', { as: 'cashier' })).body.data;
    const bad = await t.api('/api/v1/loyalty/config', {
      as: 'manager',
      method: 'PUT',
      body: { ...before, couponTemplates: 'none' },
    });
    expect(bad.body.ok).toBe(false);
    expect(bad.body.error.field).toContain('couponTemplates');
    expect((await t.api('/api/v1/loyalty/config', { as: 'cashier' })).body.data).toEqual(before);
    expectRefused(
      await t.api('/api/v1/loyalty/jobs/no-such', { as: 'manager', method: 'POST' }),
      'LOYALTY_JOB_UNKNOWN',
      'job',
    );
    expectRefused(
      await t.api('/api/v1/loyalty/stored-value/liability?through=31-01-2026', { as: 'manager' }),
      'VALIDATION_FAILED',
      'through',
    );
  });
});
