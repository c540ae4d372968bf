import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from '../money/index.ts';
import { refundLines, type StoredLine } from './refund-lines.ts';
import { paidAmounts, refundToTenders } from './refund-to-tenders.ts';

/** A line as the sale stores it: gross, a few discount shares (allocated like 满减), net = gross − shares. */
const storedLine = (lineNo: number) =>
  fc
    .record({
      quantity: fc.integer({ min: 1, max: 2000 }),
      gross: fc.integer({ min: 0, max: 500_000 }),
      parts: fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 3 }),
      taxBp: fc.integer({ min: 0, max: 1300 }),
    })
    .map(({ quantity, gross, parts, taxBp }): StoredLine => {
      const discountTotal = Math.floor((gross * parts.reduce((s, p) => s + p, 0)) / (100 * Math.max(1, parts.length)));
      const discounts =
        parts.length === 0
          ? []
          : allocate(
              discountTotal,
              parts.map((p) => p + 1),
            );
      const net = gross - discountTotal;
      return { lineNo, quantity, netFen: net, taxFen: Math.floor((net * taxBp) / (10000 + taxBp)), discounts };
    });

/** Cuts a quantity into 1..n positive parts. */
const cuts = (quantity: number) =>
  fc.array(fc.integer({ min: 1, max: quantity }), { maxLength: 5 }).map((points) => {
    const marks = [...new Set(points.filter((p) => p < quantity))].sort((a, b) => a - b);
    const parts: number[] = [];
    let prev = 0;
    for (const m of [...marks, quantity]) {
      parts.push(m - prev);
      prev = m;
    }
    return parts;
  });

describe('refundLines', () => {
  it('returning every line in any order and partial quantities gives back exactly the net, tax and every discount share', () => {
    const sale = fc
      .integer({ min: 1, max: 5 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => storedLine(i + 1))));
    const plan = sale.chain((lines) =>
      fc.tuple(fc.constant(lines), fc.tuple(...lines.map((l) => cuts(l.quantity)))).chain(([ls, parts]) => {
        const steps = ls.flatMap((l, i) => parts[i].map((q) => ({ lineNo: l.lineNo, quantity: q })));
        return fc.tuple(
          fc.constant(ls),
          fc.shuffledSubarray(steps, { minLength: steps.length, maxLength: steps.length }),
        );
      }),
    );
    fc.assert(
      fc.property(plan, ([lines, steps]) => {
        const returned = new Map<number, number>();
        const got = new Map(
          lines.map((l) => [l.lineNo, { net: 0, tax: 0, gross: 0, discounts: l.discounts.map(() => 0) }]),
        );
        for (const step of steps) {
          const r = refundLines(lines, returned, [step]);
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          const piece = r.value.lines[0];
          expect(piece.netFen).toBeGreaterThanOrEqual(0);
          expect(piece.grossFen - piece.discountFen).toBe(piece.netFen);
          const g = got.get(step.lineNo)!;
          g.net += piece.netFen;
          g.tax += piece.taxFen;
          g.gross += piece.grossFen;
          piece.discounts.forEach((d, i) => (g.discounts[i] += d));
          returned.set(step.lineNo, (returned.get(step.lineNo) ?? 0) + step.quantity);
        }
        for (const l of lines) {
          const g = got.get(l.lineNo)!;
          expect(g.net).toBe(l.netFen);
          expect(g.tax).toBe(l.taxFen);
          expect(g.discounts).toEqual([...l.discounts]);
          expect(g.gross).toBe(l.netFen + l.discounts.reduce((s, d) => s + d, 0));
        }
        // nothing is left to return
        expect(refundLines(lines, returned, [{ lineNo: lines[0].lineNo, quantity: 1 }])).toMatchObject({
          ok: false,
          code: 'RETURN_QUANTITY_EXCEEDS',
        });
      }),
      { numRuns: 300 },
    );
  });

  it('slices a 满减 share: 3 items sharing ¥30 off, returned one at a time', () => {
    const line: StoredLine = { lineNo: 1, quantity: 3, netFen: 6000 - 1000, taxFen: 575, discounts: [1000] };
    const returned = new Map<number, number>();
    const pieces = [1, 1, 1].map((q) => {
      const r = refundLines([line], returned, [{ lineNo: 1, quantity: q }]);
      if (!r.ok) throw new Error(r.code);
      returned.set(1, (returned.get(1) ?? 0) + q);
      return r.value.lines[0];
    });
    expect(pieces.map((p) => p.netFen)).toEqual([1667, 1666, 1667]);
    expect(pieces.map((p) => p.discounts[0])).toEqual([333, 334, 333]);
    expect(pieces.map((p) => p.grossFen)).toEqual([2000, 2000, 2000]);
  });

  it('refuses an unknown line, a repeated line, zero and more than is left, returning nothing', () => {
    const lines: StoredLine[] = [{ lineNo: 1, quantity: 2, netFen: 100, taxFen: 0, discounts: [] }];
    expect(refundLines(lines, new Map(), [])).toMatchObject({ ok: false, code: 'RETURN_NO_LINES' });
    expect(refundLines(lines, new Map(), [{ lineNo: 9, quantity: 1 }])).toMatchObject({
      ok: false,
      code: 'RETURN_LINE_NOT_FOUND',
    });
    expect(
      refundLines(lines, new Map(), [
        { lineNo: 1, quantity: 1 },
        { lineNo: 1, quantity: 1 },
      ]),
    ).toMatchObject({ ok: false, code: 'RETURN_LINE_REPEATED' });
    expect(refundLines(lines, new Map([[1, 1]]), [{ lineNo: 1, quantity: 2 }])).toMatchObject({
      ok: false,
      code: 'RETURN_QUANTITY_EXCEEDS',
      params: { left: 1 },
    });
    expect(refundLines(lines, new Map(), [{ lineNo: 1, quantity: 0 }])).toMatchObject({
      ok: false,
      code: 'RETURN_QUANTITY_EXCEEDS',
    });
  });
});

describe('refundToTenders', () => {
  it('takes change out of cash, refills electronic tenders first (last paid first) and never over-refunds', () => {
    const paid = paidAmounts(
      [
        { id: 'c', seq: 1, kind: 'cash', amountFen: 10000 },
        { id: 'a', seq: 2, kind: 'alipay', amountFen: 5000 },
        { id: 'w', seq: 3, kind: 'wechat', amountFen: 3000 },
      ],
      2000,
    );
    expect(paid.map((p) => p.paidFen)).toEqual([8000, 5000, 3000]);
    const tenders = paid.map((p) => ({ ...p, refundedFen: 0 }));
    expect(refundToTenders(tenders, 4000)).toEqual({
      ok: true,
      value: [
        { tenderId: 'w', kind: 'wechat', amountFen: 3000 },
        { tenderId: 'a', kind: 'alipay', amountFen: 1000 },
      ],
    });
    expect(
      refundToTenders(
        tenders.map((t) => (t.id === 'w' ? { ...t, refundedFen: 3000 } : t)),
        13000,
      ),
    ).toEqual({
      ok: true,
      value: [
        { tenderId: 'a', kind: 'alipay', amountFen: 5000 },
        { tenderId: 'c', kind: 'cash', amountFen: 8000 },
      ],
    });
    expect(refundToTenders(tenders, 16001)).toMatchObject({ ok: false, code: 'RETURN_EXCEEDS_PAID' });
  });

  it('any run of refunds summing to what was paid returns each tender exactly', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            kind: fc.constantFrom('cash' as const, 'alipay' as const, 'card' as const),
            amountFen: fc.integer({ min: 1, max: 50_000 }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 6 }),
        (ts, weights) => {
          const paid = ts.map((t, i) => ({
            id: `t${i}`,
            seq: i + 1,
            kind: t.kind,
            paidFen: t.amountFen,
            refundedFen: 0,
          }));
          const total = paid.reduce((s, t) => s + t.paidFen, 0);
          const refunded = new Map<string, number>();
          for (const amount of allocate(total, weights)) {
            const r = refundToTenders(
              paid.map((t) => ({ ...t, refundedFen: refunded.get(t.id) ?? 0 })),
              amount,
            );
            expect(r.ok).toBe(true);
            if (r.ok) for (const x of r.value) refunded.set(x.tenderId, (refunded.get(x.tenderId) ?? 0) + x.amountFen);
          }
          for (const t of paid) expect(refunded.get(t.id)).toBe(t.paidFen);
        },
      ),
    );
  });
});
