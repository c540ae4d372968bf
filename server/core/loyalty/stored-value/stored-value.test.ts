import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  attemptPin,
  liabilityByDay,
  payWithBalance,
  refundToBalance,
  storedValueBalance,
  topUp,
  topUpBonus,
  unlockedPin,
  type StoredValueEntry,
  type TopUpRule,
} from './index.ts';

const tiered: TopUpRule = {
  id: 'r1',
  tiers: [
    { minFen: 10000, bonusFen: 2000 },
    { minFen: 50000, bonusFen: 12000 },
  ],
  repeat: false,
};

describe('top-up rules', () => {
  it('充100送20, tiered: the best tier reached applies once', () => {
    expect(topUpBonus(tiered, 9999)).toBe(0);
    expect(topUpBonus(tiered, 10000)).toBe(2000);
    expect(topUpBonus(tiered, 30000)).toBe(2000);
    expect(topUpBonus(tiered, 70000)).toBe(12000);
  });
  it('repeating: greedy from the highest tier', () => {
    const rule = { ...tiered, repeat: true };
    expect(topUpBonus(rule, 30000)).toBe(6000);
    expect(topUpBonus(rule, 70000)).toBe(12000 + 2 * 2000);
    expect(topUpBonus(rule, 105000)).toBe(2 * 12000);
  });
  it('refuses zero and negative top-ups', () => {
    const ctx = { storeId: 'S1', sequence: 1, at: '2025-03-01T10:00:00+08:00' };
    expect(topUp(ctx, { accountId: 'a', amountFen: 0 })).toEqual({
      ok: false,
      code: 'LOYALTY_TOPUP_AMOUNT_INVALID',
      field: 'amountFen',
    });
    expect(topUp(ctx, { accountId: 'a', amountFen: -100 }).ok).toBe(false);
    expect(topUp(ctx, { accountId: 'a', amountFen: 10000, rule: tiered })).toEqual({
      ok: true,
      value: {
        id: 'S1-1',
        accountId: 'a',
        kind: 'topup',
        principalFen: 10000,
        bonusFen: 2000,
        at: ctx.at,
        ruleId: 'r1',
      },
    });
  });
});

function account() {
  const entries: StoredValueEntry[] = [];
  let seq = 1;
  return {
    entries,
    run<E extends StoredValueEntry>(
      f: (ctx: {
        storeId: string;
        sequence: number;
        at: string;
      }) => { ok: true; value: E } | { ok: false; code: string },
      day = '2025-03-01',
    ): E {
      const r = f({ storeId: 'S1', sequence: seq, at: `${day}T10:00:00+08:00` });
      if (!r.ok) throw new Error(r.code);
      entries.push(r.value);
      seq++;
      return r.value;
    },
  };
}

describe('pay and refund', () => {
  it('pays proportionally to the balances and refunds into the same buckets', () => {
    const a = account();
    a.run((c) => topUp(c, { accountId: 'a', amountFen: 10000, rule: tiered })); // 100 + 20
    const pay = a.run((c) => payWithBalance(a.entries, c, { accountId: 'a', amountFen: 3001 }));
    // 3001 over 10000 : 2000 → 2500.83 / 500.17 → 2501 / 500
    expect([pay.principalFen, pay.bonusFen]).toEqual([-2501, -500]);
    const r1 = a.run((c) => refundToBalance(a.entries, c, { accountId: 'a', payEntryId: pay.id, amountFen: 1000 }));
    expect([r1.principalFen, r1.bonusFen]).toEqual([833, 167]); // ⌊2501 × 1000/3001⌋ = 833
    const r2 = a.run((c) => refundToBalance(a.entries, c, { accountId: 'a', payEntryId: pay.id, amountFen: 2001 }));
    expect([r1.principalFen + r2.principalFen, r1.bonusFen + r2.bonusFen]).toEqual([2501, 500]);
    expect(storedValueBalance(a.entries)).toEqual({ principalFen: 10000, bonusFen: 2000 });
    expect(
      refundToBalance(
        a.entries,
        { storeId: 'S1', sequence: 9, at: '' },
        { accountId: 'a', payEntryId: pay.id, amountFen: 1 },
      ),
    ).toMatchObject({ ok: false, code: 'LOYALTY_REFUND_EXCEEDS_PAYMENT' });
  });
  it('refuses to pay more than the balance', () => {
    const a = account();
    a.run((c) => topUp(c, { accountId: 'a', amountFen: 5000 }));
    expect(
      payWithBalance(a.entries, { storeId: 'S1', sequence: 2, at: '' }, { accountId: 'a', amountFen: 5001 }),
    ).toEqual({
      ok: false,
      code: 'LOYALTY_INSUFFICIENT_BALANCE',
      field: 'amountFen',
      params: { available: '¥50.00' },
    });
  });
  it('principal and bonus never mix and never go negative; refunding every payment in full restores both exactly', () => {
    const op = fc.oneof(
      fc.record({ k: fc.constant('top' as const), fen: fc.integer({ min: 1, max: 100_000 }), repeat: fc.boolean() }),
      fc.record({ k: fc.constant('pay' as const), fen: fc.integer({ min: 1, max: 60_000 }) }),
      fc.record({ k: fc.constant('refund' as const), pick: fc.nat(), part: fc.integer({ min: 1, max: 3 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const a = account();
        let principalIn = 0;
        let bonusIn = 0;
        const refunded = new Map<string, number>();
        const payTotal = (p: StoredValueEntry) => -(p.principalFen + p.bonusFen);
        for (const o of ops) {
          if (o.k === 'top') {
            const e = a.run((c) =>
              topUp(c, { accountId: 'a', amountFen: o.fen, rule: { ...tiered, repeat: o.repeat } }),
            );
            principalIn += e.principalFen;
            bonusIn += e.bonusFen;
          } else if (o.k === 'pay') {
            const before = storedValueBalance(a.entries);
            if (o.fen > before.principalFen + before.bonusFen)
              expect(
                payWithBalance(a.entries, { storeId: 'S1', sequence: 0, at: '' }, { accountId: 'a', amountFen: o.fen })
                  .ok,
              ).toBe(false);
            else a.run((c) => payWithBalance(a.entries, c, { accountId: 'a', amountFen: o.fen }));
          } else {
            const pays = a.entries.filter((e) => e.kind === 'pay');
            if (pays.length === 0) continue;
            const p = pays[o.pick % pays.length];
            const left = payTotal(p) - (refunded.get(p.id) ?? 0);
            if (left === 0) continue;
            const fen = Math.max(1, Math.floor(left / o.part));
            a.run((c) => refundToBalance(a.entries, c, { accountId: 'a', payEntryId: p.id, amountFen: fen }));
            refunded.set(p.id, (refunded.get(p.id) ?? 0) + fen);
          }
          const b = storedValueBalance(a.entries);
          expect(b.principalFen).toBeGreaterThanOrEqual(0);
          expect(b.bonusFen).toBeGreaterThanOrEqual(0);
          for (const e of a.entries)
            expect(
              e.kind === 'pay' ? e.principalFen <= 0 && e.bonusFen <= 0 : e.principalFen >= 0 && e.bonusFen >= 0,
            ).toBe(true);
        }
        for (const p of a.entries.filter((e) => e.kind === 'pay')) {
          const left = payTotal(p) - (refunded.get(p.id) ?? 0);
          if (left > 0)
            a.run((c) => refundToBalance(a.entries, c, { accountId: 'a', payEntryId: p.id, amountFen: left }));
        }
        expect(storedValueBalance(a.entries)).toEqual({ principalFen: principalIn, bonusFen: bonusIn });
      }),
      { numRuns: 300 },
    );
  });
});

describe('PIN lockout', () => {
  it('locks after 5 wrong tries for 30 minutes, then counts again', () => {
    let s = unlockedPin;
    const t0 = Date.UTC(2025, 2, 1, 2, 0);
    for (let i = 1; i <= 4; i++) {
      const r = attemptPin(s, { pinMatches: false, nowMs: t0 + i });
      expect(r.result).toEqual({ ok: false, code: 'LOYALTY_PIN_WRONG', field: 'pin', params: { remaining: 5 - i } });
      s = r.state;
    }
    const fifth = attemptPin(s, { pinMatches: false, nowMs: t0 + 5 });
    expect(fifth.result).toMatchObject({ ok: false, code: 'LOYALTY_PIN_LOCKED' });
    s = fifth.state;
    expect(s.lockedUntilMs).toBe(t0 + 5 + 30 * 60_000);
    expect(attemptPin(s, { pinMatches: true, nowMs: t0 + 60_000 }).result).toMatchObject({
      ok: false,
      code: 'LOYALTY_PIN_LOCKED',
    });
    const after = attemptPin(s, { pinMatches: false, nowMs: t0 + 5 + 30 * 60_000 });
    expect(after.result).toMatchObject({ code: 'LOYALTY_PIN_WRONG', params: { remaining: 4 } });
    expect(attemptPin(after.state, { pinMatches: true, nowMs: t0 + 40 * 60_000 })).toEqual({
      state: unlockedPin,
      result: { ok: true, value: true },
    });
  });
  it('a right PIN resets the count', () => {
    const s = attemptPin(attemptPin(unlockedPin, { pinMatches: false, nowMs: 1 }).state, {
      pinMatches: true,
      nowMs: 2,
    }).state;
    expect(s).toEqual(unlockedPin);
  });
});

describe('liability by day', () => {
  it('keeps principal and bonus apart with running closing balances', () => {
    const a = account();
    a.run((c) => topUp(c, { accountId: 'a', amountFen: 10000, rule: tiered }), '2025-03-01');
    const pay = a.run((c) => payWithBalance(a.entries, c, { accountId: 'a', amountFen: 6000 }), '2025-03-02');
    a.run((c) => refundToBalance(a.entries, c, { accountId: 'a', payEntryId: pay.id, amountFen: 600 }), '2025-03-02');
    expect(liabilityByDay(a.entries)).toEqual([
      {
        date: '2025-03-01',
        toppedUpPrincipalFen: 10000,
        toppedUpBonusFen: 2000,
        paidPrincipalFen: 0,
        paidBonusFen: 0,
        refundedPrincipalFen: 0,
        refundedBonusFen: 0,
        closingPrincipalFen: 10000,
        closingBonusFen: 2000,
      },
      {
        date: '2025-03-02',
        toppedUpPrincipalFen: 0,
        toppedUpBonusFen: 0,
        paidPrincipalFen: 5000,
        paidBonusFen: 1000,
        refundedPrincipalFen: 500,
        refundedBonusFen: 100,
        closingPrincipalFen: 5500,
        closingBonusFen: 1100,
      },
    ]);
  });
});
