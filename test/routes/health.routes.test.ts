import { describe, expect, it } from 'vitest';
import { useInjectBox } from '../support/inject-box.ts';

describe('health routes (inject)', () => {
  const t = useInjectBox();

  it('/healthz answers without a session, with the version', async () => {
    const r = await t.api('/healthz');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, data: { status: 'up', version: t.box.ctx.version } });
  });

  it('/readyz reports the database open and, with no broker listening in this tier, answers 503 not ready', async () => {
    const r = await t.api('/readyz');
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ ok: false, data: { ready: false, database: true, broker: false } });
    expect(r.body.data.mdns).toBeUndefined();
  });

  it('an unknown path is answered in the envelope, not with a crash', async () => {
    const r = await t.api('/api/v1/no-such-route', { as: 'cashier' });
    expect(r.status).toBe(404);
    expect(r.body.ok).toBe(false);
    expect(typeof r.body.error.code).toBe('string');
  });
});
