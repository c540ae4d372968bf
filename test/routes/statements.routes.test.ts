import { describe, expect, it } from 'vitest';
import { expectRefused, expectRoleDenied, useInjectBox } from '../support/inject-box.ts';

// The import parses and writes on a worker thread with its own connection to the box's database file, which an
// in-memory database does not have: imported files are the full-box tests' (test/reconciliation/statement-import.test.ts).
// Here: the list, the roles, and what is refused before the worker (the query, an empty body). A body over the limit
// stays with the full-box test too: the route ends the upload mid-stream, which app.inject() does not model.
describe('statements routes (inject)', () => {
  const t = useInjectBox();
  const upload = (body: string, query: string) =>
    t.api(`/api/v1/statements/import?${query}`, {
      as: 'manager',
      body,
      headers: { 'content-type': 'application/octet-stream' },
    });

  it('a manager lists the statement imports (none yet), by channel too', async () => {
    const all = await t.api('/api/v1/statements', { as: 'manager' });
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(all.body.data).toEqual([]);
    expect((await t.api('/api/v1/statements?channel=alipay&limit=5', { as: 'manager' })).body.data).toEqual([]);
  });

  it('a supervisor may neither import nor list', async () => {
    const r = await t.api('/api/v1/statements/import?channel=alipay', {
      as: 'supervisor',
      body: 'x',
      headers: { 'content-type': 'application/octet-stream' },
    });
    expectRefused(r, 'AUTH_FORBIDDEN');
    await expectRoleDenied(t, 'supervisor', '/api/v1/statements');
  });

  it('an unknown channel, an empty file and a malformed date are refused in the envelope; nothing is listed', async () => {
    expectRefused(await upload('x', 'channel=paypal'), 'VALIDATION_FAILED', 'channel');
    expectRefused(await upload('', 'channel=alipay'), 'RECON_STATEMENT_EMPTY', 'body');
    expectRefused(await t.api('/api/v1/statements?date=yesterday', { as: 'manager' }), 'VALIDATION_FAILED', 'date');
    expect((await t.api('/api/v1/statements', { as: 'manager' })).body.data).toEqual([]);
  });
});
