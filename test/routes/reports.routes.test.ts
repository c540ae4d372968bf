import { describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import {
  expectRefused,
  expectRoleDenied,
  expectSignInRequired,
  sellForCash,
  useInjectBox,
} from '../support/inject-box.ts';

const product = demoProducts().find((p) => p.unit !== 'kg')!;

describe('reports routes (inject)', () => {
  const t = useInjectBox();

  it('a manager reads the dashboard and a report covering a cash sale, and exports it as CSV', async () => {
    await sellForCash(t, 'L01', [product.barcodes[0]]);
    const dash = await t.api('/api/v1/dashboard', { as: 'manager' });
    expect(dash.status, JSON.stringify(dash.body)).toBe(200);
    expect(JSON.stringify(dash.body.data)).toContain('L01');
    const from = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const report = await t.api(`/api/v1/reports?from=${from}&to=${to}`, { as: 'manager' });
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.ok).toBe(true);
    const csv = await t.api(`/api/v1/reports/export?from=${from}&to=${to}&format=csv`, { as: 'manager' });
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toMatch(/csv/);
  });

  it('the dashboard and reports need a manager', async () => {
    await expectSignInRequired(t, '/api/v1/dashboard');
    await expectRoleDenied(t, 'supervisor', '/api/v1/dashboard');
    await expectRoleDenied(t, 'cashier', '/api/v1/reports?from=2026-01-01&to=2026-01-02');
  });

  it('a range that ends before it starts, or a date that is not one, is refused naming the field', async () => {
    expectRefused(
      await t.api('/api/v1/reports?from=2026-03-02&to=2026-03-01', { as: 'manager' }),
      'REPORT_RANGE_INVALID',
    );
    expectRefused(
      await t.api('/api/v1/reports?from=yesterday&to=2026-03-01', { as: 'manager' }),
      'VALIDATION_FAILED',
      'from',
    );
  });
});
