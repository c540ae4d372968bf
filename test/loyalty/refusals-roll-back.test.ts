import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, type TestBox } from '../support/test-box.ts';
import { expectNoRowsChanged } from '../support/no-rows-changed.ts';
import { startLoyaltyBox, type TestClock } from './loyalty-box.ts';

let tb: TestBox & { clock: TestClock };
let manager: string;
let supervisor: string;
let cashier: string;

beforeAll(async () => {
  tb = await startLoyaltyBox();
  manager = await tb.login('manager1', 'manager1pass');
  supervisor = await tb.login('super1', 'super1pass');
  cashier = await tb.login('cashier1', 'cashier1pass');
});
afterAll(async () => {
  await tb.stop();
  removeDir(tb.dataDir);
});

const db = () => tb.box.ctx.db;
async function register(phone: string): Promise<{ id: string; code: string }> {
  const r = await tb.api('/api/v1/members', { token: manager, body: { phone } });
  expect(r.status).toBe(201);
  return r.body.data.member;
}
/** A refused write: the answer carries this code, and no row of any table changed. */
async function refusedWithoutTrace(code: string, call: () => ReturnType<TestBox['api']>): Promise<void> {
  const r = await expectNoRowsChanged(db(), call);
  expect(r.body).toMatchObject({ ok: false, error: { code } });
}

describe('a refused write leaves no row behind', () => {
  it('a top-up of 0 or less is refused and opens no stored-value account for the member', async () => {
    const m = await register('13566660001');
    for (const amountFen of [0, -500])
      await refusedWithoutTrace('LOYALTY_TOPUP_AMOUNT_INVALID', () =>
        tb.api(`/api/v1/members/${m.id}/stored-value/top-ups`, {
          token: manager,
          body: { amountFen, tenderKind: 'cash' },
        }),
      );
    expect(tb.box.loyalty.stores.storedValue.account(m.id)).toBeUndefined();
  });

  it('a PIN that is not 6 digits is refused and opens no account', async () => {
    const m = await register('13566660002');
    await refusedWithoutTrace('STORED_VALUE_PIN_FORMAT', () =>
      tb.api(`/api/v1/members/${m.id}/stored-value/pin`, { token: cashier, method: 'PUT', body: { pin: '12ab' } }),
    );
  });

  it('registering a phone that is taken, or with an unknown referral code, writes no member, points or coupon', async () => {
    await register('13566660003');
    await refusedWithoutTrace('MEMBER_PHONE_TAKEN', () =>
      tb.api('/api/v1/members', { token: cashier, body: { phone: '13566660003' } }),
    );
    await refusedWithoutTrace('MEMBER_REFERRER_NOT_FOUND', () =>
      tb.api('/api/v1/members', { token: cashier, body: { phone: '13566660004', referralCode: 'M99999999' } }),
    );
  });

  it('points for an unknown behaviour, an adjustment below zero and a transfer beyond the balance are refused without a ledger row', async () => {
    const [a, b] = [await register('13566660005'), await register('13566660006')];
    await refusedWithoutTrace('LOYALTY_POINTS_INVALID', () =>
      tb.api(`/api/v1/members/${a.id}/points`, { token: cashier, body: { behaviour: 'no-such-behaviour' } }),
    );
    await refusedWithoutTrace('LOYALTY_INSUFFICIENT_POINTS', () =>
      tb.api(`/api/v1/members/${a.id}/points`, { token: supervisor, body: { points: -1_000_000, note: 'too much' } }),
    );
    await refusedWithoutTrace('LOYALTY_INSUFFICIENT_POINTS', () =>
      tb.api(`/api/v1/members/${a.id}/points/transfers`, {
        token: supervisor,
        body: { toMemberId: b.id, points: 99_999_999, note: 'too much' },
      }),
    );
  });

  it('a referral that would close a cycle is refused without changing either member', async () => {
    const a = await register('13566660007');
    const b = (
      await tb.api('/api/v1/members', { token: manager, body: { phone: '13566660008', referralCode: a.code } })
    ).body.data.member;
    const r = await expectNoRowsChanged(db(), () =>
      tb.api(`/api/v1/members/${a.id}/referrer`, { token: supervisor, body: { referralCode: b.code } }),
    );
    expect(r.body.ok).toBe(false);
  });

  it('a fission claim with an unknown share code registers no newcomer', async () => {
    await refusedWithoutTrace('FISSION_PACKET_NOT_FOUND', () =>
      tb.api('/api/v1/fission/claims', { token: cashier, body: { shareCode: 'NOSUCHCODE', phone: '13566660009' } }),
    );
  });
});
