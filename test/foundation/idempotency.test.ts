import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeDir, startTestBox, useTestBox } from '../support/test-box.ts';

const t = useTestBox();

describe('HTTP idempotency keys', () => {
  it('a stored-value top-up needs a key, runs once per key, and replays the first answer', async () => {
    const manager = await t.login('manager1', 'manager1pass');
    const member = (await t.api('/api/v1/members', { token: manager, body: { phone: '13566660001' } })).body.data
      .member;
    const path = `/api/v1/members/${member.id}/stored-value/top-ups`;
    const none = await t.api(path, {
      token: manager,
      body: { amountFen: 10_000, tenderKind: 'cash' },
      idempotencyKey: null,
    });
    expect(none.status).toBe(400);
    expect(none.body.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED', field: 'Idempotency-Key' });

    const first = await t.api(path, {
      token: manager,
      body: { amountFen: 10_000, tenderKind: 'cash' },
      idempotencyKey: 'topup-0001',
    });
    expect(first.status).toBe(201);
    // the answer was lost; the console retries with the same key
    const retry = await t.api(path, {
      token: manager,
      body: { amountFen: 10_000, tenderKind: 'cash' },
      idempotencyKey: 'topup-0001',
    });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replay')).toBe('true');
    expect(retry.body).toEqual(first.body);
    const credited = t.box.ctx.db
      .prepare("SELECT count(*) FROM stored_value_entry WHERE account_id = ? AND kind = 'topup'")
      .pluck()
      .get(member.id);
    expect(credited).toBe(1);

    const conflict = await t.api(path, {
      token: manager,
      body: { amountFen: 20_000, tenderKind: 'cash' },
      idempotencyKey: 'topup-0001',
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    const bad = await t.api(path, {
      token: manager,
      body: { amountFen: 1, tenderKind: 'cash' },
      idempotencyKey: 'has spaces in it',
    });
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'Idempotency-Key' });
  });

  it('any write honours a key when one is sent', async () => {
    const admin = await t.login('admin', 'admin-test-pass');
    const body = { username: 'temp-idem', displayName: '临时', role: 'cashier', password: 'temp-idem-pass' };
    const first = await t.api('/api/v1/staff', { token: admin, body, idempotencyKey: 'staff-1' });
    const again = await t.api('/api/v1/staff', { token: admin, body, idempotencyKey: 'staff-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    // a new key is a new request: the username is taken now
    expect((await t.api('/api/v1/staff', { token: admin, body, idempotencyKey: 'staff-2' })).body.error.code).toBe(
      'STAFF_USERNAME_TAKEN',
    );
  });
});

describe('after a crash', () => {
  it('a write cut off between its key and its answer is never run again: the retry says the outcome is unknown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'storebox-idem-'));
    const box = await startTestBox({}, dir);
    const manager = await box.login('manager1', 'manager1pass');
    const member = (await box.api('/api/v1/members', { token: manager, body: { phone: '13566660002' } })).body.data
      .member;
    const path = `/api/v1/members/${member.id}/stored-value/top-ups`;
    // what the box had written when the power went: the key, not yet the answer
    const hash = (await import('../../server/adapters/crypto/token.ts')).sha256Hex(
      JSON.stringify([path, { amountFen: 5_000, tenderKind: 'cash' }]),
    );
    box.box.ctx.db
      .prepare(
        "INSERT INTO idempotency (key, scope, request_hash, response, created_at) VALUES (?, 'http', ?, '{\"pending\":true}', ?)",
      )
      .run(`manager1|POST /api/v1/members/:id/stored-value/top-ups|topup-crash`, hash, new Date().toISOString());
    const inProgress = await box.api(path, {
      token: manager,
      body: { amountFen: 5_000, tenderKind: 'cash' },
      idempotencyKey: 'topup-crash',
    });
    expect(inProgress.body.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    await box.stop();
    const restarted = await startTestBox({}, dir);
    try {
      const token = await restarted.login('manager1', 'manager1pass');
      const retry = await restarted.api(path, {
        token,
        body: { amountFen: 5_000, tenderKind: 'cash' },
        idempotencyKey: 'topup-crash',
      });
      expect(retry.status).toBe(409);
      expect(retry.body.error.code).toBe('IDEMPOTENCY_OUTCOME_UNKNOWN');
      expect(
        restarted.box.ctx.db
          .prepare('SELECT count(*) FROM stored_value_entry WHERE account_id = ?')
          .pluck()
          .get(member.id),
      ).toBe(0);
    } finally {
      await restarted.stop();
      removeDir(dir);
    }
  });
});
