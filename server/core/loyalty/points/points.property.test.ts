import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dateOfDay, dayNumber } from '../calendar.ts';
import {
  adjustPoints,
  clawbackForRefund,
  computeSalePoints,
  defaultEarnRule,
  earnPoints,
  expireLapsedPoints,
  lotsOf,
  pointsBalance,
  redeemPoints,
  restoreForRefund,
  type EarnRule,
  type PointsEntry,
  type RestorePolicy,
} from './index.ts';

/**
 * An independent oracle: lots as a plain map, consumed by its own FIFO sort. The ledger's entries
 * must agree with it after every step, and replaying the entries (lotsOf) must rebuild it.
 */
type OracleLot = { expiresOn: string; order: number; remaining: number; saleId?: string };

type Op =
  | { kind: 'sale'; nets: number[]; redeem: number; months: number }
  | { kind: 'refund'; sale: number; line: number; part: number }
  | { kind: 'advance'; days: number }
  | { kind: 'adjust'; points: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('sale' as const),
    nets: fc.array(fc.integer({ min: 0, max: 30_000 }), { minLength: 1, maxLength: 4 }),
    redeem: fc.integer({ min: 0, max: 300 }),
    months: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({
    kind: fc.constant('refund' as const),
    sale: fc.nat(),
    line: fc.nat(),
    part: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({ kind: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 70 }) }),
  fc.record({
    kind: fc.constant('adjust' as const),
    points: fc.integer({ min: -150, max: 150 }).filter((n) => n !== 0),
  }),
);

function fifo(lots: Map<string, OracleLot>, filter: (l: OracleLot) => boolean): [string, OracleLot][] {
  return [...lots]
    .filter(([, l]) => l.remaining > 0 && filter(l))
    .sort(([, a], [, b]) => (a.expiresOn < b.expiresOn ? -1 : a.expiresOn > b.expiresOn ? 1 : a.order - b.order));
}
function consume(order: [string, OracleLot][], points: number): number {
  let left = points;
  for (const [, l] of order) {
    const n = Math.min(l.remaining, left);
    l.remaining -= n;
    left -= n;
  }
  return points - left;
}

describe('points ledger properties', () => {
  it('balances equal entry sums, never go negative, FIFO expiry is exact, replay rebuilds lots, full refunds are exact', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 40 }),
        fc.constantFrom<RestorePolicy>('none', 'original-expiry', 'new-expiry'),
        (ops, policy) => {
          const entries: PointsEntry[] = [];
          const oracle = new Map<string, OracleLot>();
          let order = 0;
          let seq = 1;
          let day = dayNumber('2025-01-01');
          let cached = 0;
          const sales: { id: string; nets: number[]; refunded: number[]; earned: number; redeemed: number }[] = [];
          const clawOwed = new Map<string, number>();
          const restored = new Map<string, number>();
          const rule = (months: number): EarnRule => ({
            ...defaultEarnRule,
            expiry: { kind: 'rolling-months', months },
          });

          const today = () => dateOfDay(day);
          const ctx = () => ({ storeId: 'S', sequence: seq, at: `${today()}T12:00:00+08:00` });
          function append(new_: PointsEntry[]) {
            for (const e of new_) {
              e.grants?.forEach((g, i) =>
                oracle.set(`${e.id}:${i}`, {
                  expiresOn: g.expiresOn,
                  order: order++,
                  remaining: g.points,
                  saleId: e.kind === 'earn' ? e.saleId : undefined,
                }),
              );
              entries.push(e);
              cached += e.points;
            }
            seq += new_.length;
          }
          function refund(s: (typeof sales)[number], line: number, amount: number) {
            const lines = [{ lineId: `l${line}`, refundedNetFen: amount }];
            const c = clawbackForRefund(entries, ctx(), { memberId: 'm', saleId: s.id, refundId: `r${seq}`, lines });
            if (!c.ok) throw new Error(c.code);
            for (const e of c.value) {
              const owed = (e.lines ?? []).reduce((a, l) => a + l.points, 0);
              clawOwed.set(s.id, (clawOwed.get(s.id) ?? 0) + owed);
              // oracle: own sale's lots first, then all the rest FIFO, lapsed included
              const took = consume(
                [...fifo(oracle, (l) => l.saleId === s.id), ...fifo(oracle, (l) => l.saleId !== s.id)],
                owed,
              );
              expect(0 - e.points).toBe(took);
              expect(e.shortfall ?? 0).toBe(owed - took);
            }
            append(c.value);
            const r = restoreForRefund(entries, ctx(), {
              memberId: 'm',
              saleId: s.id,
              refundId: `r${seq}`,
              lines,
              policy,
              today: today(),
              expiry: { kind: 'rolling-months', months: 2 },
            });
            if (!r.ok) throw new Error(r.code);
            for (const e of r.value) restored.set(s.id, (restored.get(s.id) ?? 0) + e.points);
            append(r.value);
            s.refunded[line] += amount;
          }

          for (const op of ops) {
            if (op.kind === 'sale') {
              const id = `s${sales.length}`;
              const lines = op.nets.map((n, i) => ({
                lineId: `l${i}`,
                netFen: n,
                categoryPath: ['x'],
                pointsMultiplierBp: 10000,
              }));
              let redeemed = 0;
              const usable = fifo(oracle, (l) => l.expiresOn >= today());
              const available = usable.reduce((a, [, l]) => a + l.remaining, 0);
              if (op.redeem > 0 && op.nets.some((n) => n > 0)) {
                const r = redeemPoints(entries, ctx(), {
                  memberId: 'm',
                  points: op.redeem,
                  today: today(),
                  saleId: id,
                  lines: lines.map(({ lineId, netFen }) => ({ lineId, netFen })),
                });
                if (op.redeem > available) expect(r.ok).toBe(false);
                else {
                  if (!r.ok) throw new Error(r.code);
                  consume(usable, op.redeem);
                  append(r.value);
                  redeemed = op.redeem;
                }
              }
              const earned = computeSalePoints(rule(op.months), { lines, weekday: 1, localMinute: 600 }, 10000);
              const e = earnPoints(ctx(), {
                memberId: 'm',
                points: earned.points,
                today: today(),
                expiry: rule(op.months).expiry,
                reason: 'sale',
                saleId: id,
                lines: earned.lines,
              });
              if (!e.ok) throw new Error(e.code);
              append(e.value);
              sales.push({ id, nets: op.nets, refunded: op.nets.map(() => 0), earned: earned.points, redeemed });
            } else if (op.kind === 'refund' && sales.length > 0) {
              const s = sales[op.sale % sales.length];
              const line = op.line % s.nets.length;
              const left = s.nets[line] - s.refunded[line];
              if (left > 0) refund(s, line, Math.max(1, Math.floor(left / op.part)));
            } else if (op.kind === 'advance') {
              day += op.days;
              const lapsed = fifo(oracle, (l) => l.expiresOn < today());
              const want = lapsed.reduce((a, [, l]) => a + l.remaining, 0);
              const x = expireLapsedPoints(entries, ctx(), 'm', today());
              expect(x.reduce((a, en) => a - en.points, 0)).toBe(want);
              for (const [, l] of lapsed) l.remaining = 0;
              append(x);
            } else if (op.kind === 'adjust') {
              const usable = fifo(oracle, (l) => l.expiresOn >= today());
              const available = usable.reduce((a, [, l]) => a + l.remaining, 0);
              const r = adjustPoints(entries, ctx(), {
                memberId: 'm',
                points: op.points,
                reason: 'test',
                today: today(),
                expiry: { kind: 'rolling-months', months: 3 },
              });
              if (op.points < 0 && -op.points > available) expect(r.ok).toBe(false);
              else {
                if (!r.ok) throw new Error(r.code);
                if (op.points < 0) consume(usable, -op.points);
                append(r.value);
              }
            }
            // after every step
            const balance = pointsBalance(entries);
            expect(balance).toBe(cached);
            expect(balance).toBeGreaterThanOrEqual(0);
            const replayed = lotsOf(entries);
            expect(replayed.reduce((a, l) => a + l.remaining, 0)).toBe(balance);
            for (const l of replayed) expect(l.remaining).toBe(oracle.get(l.id)?.remaining);
          }

          // refund every remaining line: clawbacks owed and restores add up to exactly what the sale earned and redeemed
          for (const s of sales)
            for (let i = s.nets.length - 1; i >= 0; i--)
              if (s.nets[i] > s.refunded[i]) refund(s, i, s.nets[i] - s.refunded[i]);
          for (const s of sales) {
            expect(clawOwed.get(s.id) ?? 0).toBe(s.earned);
            expect(restored.get(s.id) ?? 0).toBe(policy === 'none' ? 0 : s.redeemed);
          }
          expect(pointsBalance(entries)).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
