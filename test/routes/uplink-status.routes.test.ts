import { describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { expectRoleDenied, expectSignInRequired, sellForCash, useInjectBox } from '../support/inject-box.ts';

const product = demoProducts().find((p) => p.unit !== 'kg')!;

describe('uplink status route (inject)', () => {
  const t = useInjectBox();

  it('a manager reads how far HQ has the outbox: without HQ nothing is acknowledged, and a sale adds to the backlog', async () => {
    const before = await t.api('/api/v1/uplink/status', { as: 'manager' });
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    expect(before.body.data).toMatchObject({ enabled: false, connected: false, ackedSeq: 0 });
    expect(before.body.data.backlog).toBe(before.body.data.lastSeq);
    await sellForCash(t, 'L01', [product.barcodes[0]]);
    const after = await t.api('/api/v1/uplink/status', { as: 'manager' });
    expect(after.body.data.lastSeq).toBeGreaterThan(before.body.data.lastSeq);
    expect(after.body.data.backlog).toBe(after.body.data.lastSeq);
  });

  it('a supervisor may not read it, nor anyone without a session', async () => {
    await expectRoleDenied(t, 'supervisor', '/api/v1/uplink/status');
    await expectSignInRequired(t, '/api/v1/uplink/status');
  });
});
