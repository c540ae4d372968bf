import { describe, expect, it } from 'vitest';
import { useTestBox } from '../support/test-box.ts';

/** Defects the fuzz suite (scripts/chaos/fuzz.ts) found, each pinned through the real box. */
const t = useTestBox();

describe('what the fuzz found at the HTTP edge', () => {
  it('answers a path parameter longer than the router allows with the error envelope, not Fastify’s own body', async () => {
    const token = await t.login('manager1', 'manager1pass');
    const r = await t.api(`/api/v1/members/${'m'.repeat(101)}`, { token });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'params' } });
    expect(typeof r.body.error.message).toBe('string');
  });

  it('answers a URL with broken percent-encoding with the error envelope', async () => {
    const r = await t.api('/api/v1/members/%E0%A4%A');
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field: 'url' } });
  });
});
