import { describe, expect, it } from 'vitest';
import {
  adjustPoints,
  checkCachedBalance,
  clawbackForRefund,
  computeSalePoints,
  defaultEarnRule,
  defaultRedemptionRule,
  earnPoints,
  expireLapsedPoints,
  lotExpiry,
  lotsOf,
  maxRedeemablePoints,
  pointsBalance,
  pointsExpiringSoon,
  redeemAsCash,
  redeemPoints,
  restoreForRefund,
  transferPoints,
  type EarnRule,
  type PointsEntry,
} from './index.ts';

const line = (lineId: string, netFen: number, categoryPath: string[] = ['食品'], pointsMultiplierBp = 10000) => ({
  lineId,
  netFen,
  categoryPath,
  pointsMultiplierBp,
});
const sale = (lines: ReturnType<typeof line>[], localMinute = 600, weekday = 3) => ({ lines, localMinute, weekday });

/** A tiny ledger driver: appends entries and hands out sequences like the repository would. */
function ledger() {
  const entries: PointsEntry[] = [];
  let seq = 1;
  const ctx = (at = '2025-03-01T10:00:00+08:00') => ({ storeId: 'S1', sequence: seq, at });
  function add(r: { ok: true; value: PointsEntry[] } | { ok: false; code: string }): PointsEntry[] {
    if (!r.ok) throw new Error(r.code);
    entries.push(...r.value);
    seq += r.value.length;
    return r.value;
  }
  return { entries, ctx, add };
}

describe('earning', () => {
  it('1 point per ¥1 on the sale total, rounded down once per sale (not per line)', () => {
    // ¥1.50 + ¥1.50: per line ⌊1.5⌋ + ⌊1.5⌋ would give 2; per sale ⌊3.00⌋ = 3
    expect(computeSalePoints(defaultEarnRule, sale([line('a', 150), line('b', 150)]), 10000).points).toBe(3);
    expect(computeSalePoints(defaultEarnRule, sale([line('a', 12345), line('b', 6789)]), 10000).points).toBe(191);
  });
  it('expresses 1 point per ¥10', () => {
    const rule: EarnRule = { ...defaultEarnRule, perFen: 1000 };
    expect(computeSalePoints(rule, sale([line('a', 19134)]), 10000).points).toBe(19);
  });
  it('multiplies line, category (deepest match), time window (best) and tier', () => {
    const rule: EarnRule = {
      ...defaultEarnRule,
      categoryMultipliers: [
        { categoryPath: ['服装'], multiplierBp: 20000 },
        { categoryPath: ['服装', '内衣'], multiplierBp: 10000 },
        { categoryPath: ['烟草'], multiplierBp: 0 },
      ],
      timeWindows: [
        { fromMinute: 20 * 60, toMinute: 22 * 60, multiplierBp: 20000 },
        { weekdays: [6], fromMinute: 0, toMinute: 1440, multiplierBp: 15000 },
      ],
    };
    const lines = [
      line('coat', 10000, ['服装', '外套']),
      line('bra', 10000, ['服装', '内衣']),
      line('cig', 5000, ['烟草']),
      line('promo', 1000, ['食品'], 30000),
    ];
    // weekday 10:00 → window ×1; coat 200 + bra 100 + cig 0 + promo 30
    expect(computeSalePoints(rule, sale(lines, 600), 10000).points).toBe(330);
    // 20:30 → ×2 and 金卡 ×1.5 → 330 × 3
    const r = computeSalePoints(rule, sale(lines, 20 * 60 + 30), 15000);
    expect(r.points).toBe(990);
    expect(r.windowMultiplierBp).toBe(20000);
    expect(r.lines.map((l) => l.points)).toEqual([600, 300, 0, 90]);
    // Saturday 20:30: two windows open, the higher one (×2) applies, they do not compound
    expect(computeSalePoints(rule, sale(lines, 20 * 60 + 30, 6), 10000).points).toBe(660);
    // 22:00 is outside [20:00, 22:00)
    expect(computeSalePoints(rule, sale(lines, 22 * 60), 10000).points).toBe(330);
  });
  it('line shares sum to the points and negative nets earn nothing', () => {
    const r = computeSalePoints(
      defaultEarnRule,
      sale([line('a', 333), line('b', 333), line('c', 334), line('ret', -500)]),
      10000,
    );
    expect(r.points).toBe(10);
    expect(r.lines.reduce((s, l) => s + l.points, 0)).toBe(10);
    expect(r.lines[3].points).toBe(0);
  });
});

describe('lot expiry', () => {
  it('end of the calendar year after the year earned, or N months rolling', () => {
    expect(lotExpiry({ kind: 'end-of-next-year' }, '2025-03-15')).toBe('2026-12-31');
    expect(lotExpiry({ kind: 'end-of-next-year' }, '2025-12-31')).toBe('2026-12-31');
    expect(lotExpiry({ kind: 'rolling-months', months: 12 }, '2025-03-15')).toBe('2026-03-14');
    expect(lotExpiry({ kind: 'rolling-months', months: 1 }, '2025-01-31')).toBe('2025-02-27');
    expect(lotExpiry({ kind: 'never' }, '2025-01-31')).toBe('9999-12-31');
  });
});

describe('ledger', () => {
  it('redeems FIFO by expiry then earn order, expires the lapsed remainder, and reminds before', () => {
    const l = ledger();
    const [a] = l.add(
      earnPoints(l.ctx(), {
        memberId: 'm1',
        points: 100,
        today: '2025-03-01',
        expiry: { kind: 'end-of-next-year' },
        reason: 'sale',
      }),
    );
    const [b] = l.add(
      earnPoints(l.ctx(), {
        memberId: 'm1',
        points: 50,
        today: '2025-03-15',
        expiry: { kind: 'rolling-months', months: 3 },
        reason: 'review',
      }),
    );
    const [c] = l.add(
      earnPoints(l.ctx(), {
        memberId: 'm1',
        points: 30,
        today: '2025-03-20',
        expiry: { kind: 'rolling-months', months: 3 },
        reason: 'share',
      }),
    );
    expect(a.id).toBe('S1-1');
    const [r] = l.add(redeemPoints(l.entries, l.ctx(), { memberId: 'm1', points: 60, today: '2025-04-01' }));
    expect(r.takes).toEqual([
      { lotId: `${b.id}:0`, points: 50 },
      { lotId: `${c.id}:0`, points: 10 },
    ]);
    expect(pointsExpiringSoon(lotsOf(l.entries), '2025-06-01', 30)).toEqual([
      { memberId: 'm1', points: 20, firstExpiresOn: '2025-06-19' },
    ]);
    expect(expireLapsedPoints(l.entries, l.ctx(), 'm1', '2025-06-19')).toEqual([]); // 06-19 is still usable
    const [x] = l.add({ ok: true, value: expireLapsedPoints(l.entries, l.ctx(), 'm1', '2025-06-20') });
    expect(x).toMatchObject({ kind: 'expire', points: -20, takes: [{ lotId: `${c.id}:0`, points: 20 }] });
    expect(pointsBalance(l.entries)).toBe(100);
    expect(checkCachedBalance(100, l.entries)).toEqual({ matches: true, derived: 100 });
    expect(checkCachedBalance(120, l.entries).matches).toBe(false);
  });
  it('refuses to redeem lapsed points or more than available', () => {
    const l = ledger();
    l.add(
      earnPoints(l.ctx(), {
        memberId: 'm1',
        points: 100,
        today: '2025-01-10',
        expiry: { kind: 'rolling-months', months: 1 },
        reason: 'sale',
      }),
    );
    expect(redeemPoints(l.entries, l.ctx(), { memberId: 'm1', points: 1, today: '2025-02-10' })).toEqual({
      ok: false,
      code: 'LOYALTY_INSUFFICIENT_POINTS',
      field: 'points',
      params: { available: 0 },
    });
    expect(redeemPoints(l.entries, l.ctx(), { memberId: 'm1', points: 0, today: '2025-01-11' }).ok).toBe(false);
    expect(
      adjustPoints(l.entries, l.ctx(), {
        memberId: 'm1',
        points: -101,
        reason: 'fix',
        today: '2025-01-11',
        expiry: { kind: 'never' },
      }),
    ).toMatchObject({ ok: false, code: 'LOYALTY_INSUFFICIENT_POINTS' });
  });
  it('transfers slices with their original expiry', () => {
    const l = ledger();
    l.add(
      earnPoints(l.ctx(), {
        memberId: 'm1',
        points: 40,
        today: '2025-01-10',
        expiry: { kind: 'rolling-months', months: 6 },
        reason: 'sale',
      }),
    );
    l.add(
      earnPoints(l.ctx(), {
        memberId: 'm1',
        points: 40,
        today: '2025-02-10',
        expiry: { kind: 'rolling-months', months: 12 },
        reason: 'sale',
      }),
    );
    const [out, into] = l.add(
      transferPoints(l.entries, l.ctx(), { fromMemberId: 'm1', toMemberId: 'm2', points: 50, today: '2025-03-01' }),
    );
    expect(out).toMatchObject({ memberId: 'm1', kind: 'transfer-out', points: -50 });
    expect(into).toMatchObject({
      memberId: 'm2',
      kind: 'transfer-in',
      points: 50,
      grants: [
        { expiresOn: '2025-07-09', points: 40 },
        { expiresOn: '2026-02-09', points: 10 },
      ],
    });
  });
});

describe('points as cash', () => {
  const due = { availablePoints: 2000, amountDueFen: 1000 };
  it('100 points = ¥1, minimum 100 points, at most 50% of the amount due', () => {
    expect(redeemAsCash(defaultRedemptionRule, { ...due, requestedPoints: 500 })).toEqual({
      ok: true,
      value: { points: 500, fen: 500 },
    });
    expect(redeemAsCash(defaultRedemptionRule, { ...due, requestedPoints: 501 })).toEqual({
      ok: false,
      code: 'LOYALTY_ABOVE_CAP',
      field: 'points',
      params: { maxPoints: 500 },
    });
    expect(redeemAsCash(defaultRedemptionRule, { ...due, requestedPoints: 99 })).toEqual({
      ok: false,
      code: 'LOYALTY_BELOW_MINIMUM',
      field: 'points',
      params: { minimum: 100 },
    });
    expect(redeemAsCash(defaultRedemptionRule, { ...due, requestedPoints: 2001 })).toMatchObject({
      ok: false,
      code: 'LOYALTY_INSUFFICIENT_POINTS',
    });
    expect(maxRedeemablePoints(defaultRedemptionRule, 2000, 1000)).toBe(500);
    expect(maxRedeemablePoints(defaultRedemptionRule, 99, 1000)).toBe(0);
  });
  it('does not charge points for a partial fen (200 points = ¥1)', () => {
    const rule = { points: 200, fen: 100, minimumPoints: 0, capBp: 10000 };
    expect(redeemAsCash(rule, { requestedPoints: 151, availablePoints: 151, amountDueFen: 10000 })).toEqual({
      ok: true,
      value: { points: 150, fen: 75 },
    });
    expect(maxRedeemablePoints(rule, 151, 10000)).toBe(150);
  });
});

describe('refunds', () => {
  function saleLedger() {
    const l = ledger();
    l.add(
      earnPoints(l.ctx(), {
        memberId: 'm1',
        points: 1000,
        today: '2025-01-02',
        expiry: { kind: 'end-of-next-year' },
        reason: 'sale',
        saleId: 's0',
      }),
    );
    l.add(
      redeemPoints(l.entries, l.ctx(), {
        memberId: 'm1',
        points: 300,
        today: '2025-03-01',
        saleId: 's1',
        lines: [
          { lineId: 'a', netFen: 10000 },
          { lineId: 'b', netFen: 5000 },
        ],
      }),
    );
    const earned = computeSalePoints(defaultEarnRule, sale([line('a', 10000), line('b', 5000)]), 10000);
    l.add(
      earnPoints(l.ctx(), {
        memberId: 'm1',
        points: earned.points,
        today: '2025-03-01',
        expiry: { kind: 'end-of-next-year' },
        reason: 'sale',
        saleId: 's1',
        lines: earned.lines,
      }),
    );
    return l;
  }
  it('claws back exactly what each refunded line earned, over partial refunds in any order', () => {
    const l = saleLedger();
    const claw = (refundId: string, lines: { lineId: string; refundedNetFen: number }[]) =>
      l.add(clawbackForRefund(l.entries, l.ctx(), { memberId: 'm1', saleId: 's1', refundId, lines }))[0];
    expect(claw('r1', [{ lineId: 'a', refundedNetFen: 3333 }]).points).toBe(-33); // ⌊100 × 3333/10000⌋
    expect(claw('r2', [{ lineId: 'b', refundedNetFen: 5000 }]).points).toBe(-50);
    expect(claw('r3', [{ lineId: 'a', refundedNetFen: 3333 }]).points).toBe(-33); // ⌊100 × 6666/10000⌋ − 33
    expect(claw('r4', [{ lineId: 'a', refundedNetFen: 3334 }]).points).toBe(-34);
    expect(
      clawbackForRefund(l.entries, l.ctx(), {
        memberId: 'm1',
        saleId: 's1',
        refundId: 'r5',
        lines: [{ lineId: 'a', refundedNetFen: 1 }],
      }),
    ).toEqual({
      ok: false,
      code: 'LOYALTY_REFUND_EXCEEDS_LINE',
      field: 'lines',
      params: { lineId: 'a' },
    });
  });
  it('restores redeemed points with their original expiry (policy), last taken first', () => {
    const l = saleLedger();
    const [r] = l.add(
      restoreForRefund(l.entries, l.ctx(), {
        memberId: 'm1',
        saleId: 's1',
        refundId: 'r1',
        lines: [{ lineId: 'b', refundedNetFen: 5000 }],
        policy: 'original-expiry',
        today: '2025-03-05',
        expiry: defaultEarnRule.expiry,
      }),
    );
    expect(r).toMatchObject({ kind: 'restore', points: 100, grants: [{ expiresOn: '2026-12-31', points: 100 }] });
    expect(
      restoreForRefund(l.entries, l.ctx(), {
        memberId: 'm1',
        saleId: 's1',
        refundId: 'r2',
        lines: [{ lineId: 'a', refundedNetFen: 10000 }],
        policy: 'none',
        today: '2025-03-05',
        expiry: defaultEarnRule.expiry,
      }),
    ).toEqual({ ok: true, value: [] });
  });
  it('never drives the balance negative: the unrecoverable part is recorded as shortfall', () => {
    const l = ledger();
    const earned = computeSalePoints(defaultEarnRule, sale([line('a', 50000)]), 10000);
    l.add(
      earnPoints(l.ctx(), {
        memberId: 'm1',
        points: earned.points,
        today: '2025-03-01',
        expiry: { kind: 'never' },
        reason: 'sale',
        saleId: 's1',
        lines: earned.lines,
      }),
    );
    l.add(redeemPoints(l.entries, l.ctx(), { memberId: 'm1', points: 400, today: '2025-03-01' }));
    const [c] = l.add(
      clawbackForRefund(l.entries, l.ctx(), {
        memberId: 'm1',
        saleId: 's1',
        refundId: 'r1',
        lines: [{ lineId: 'a', refundedNetFen: 50000 }],
      }),
    );
    expect(c).toMatchObject({ points: -100, shortfall: 400 });
    expect(pointsBalance(l.entries)).toBe(0);
  });
});
