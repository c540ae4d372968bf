import fc from 'fast-check';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../server/app/setup/demo-catalog.ts';
import { removeDir, startTestBox, type TestBox } from '../support/test-box.ts';

const products = demoProducts();
const pick = (zh: string) => products.find((p) => p.names.zh === zh)!;
// two counted products in different categories and one weighed product (grams)
const GOODS = [pick('可口可乐 330ml'), pick('金龙鱼东北大米 5kg'), pick('富士苹果')];
const WHO = { laneId: 'L01', cashier: 'cashier1' };
const SUPERVISOR = { username: 'super1', laneId: 'L01', role: 'supervisor' as const };

type Op =
  | { kind: 'sale'; lines: Array<{ good: number; quantity: number }> }
  | { kind: 'return'; pick: number }
  | { kind: 'receive'; good: number; quantity: number }
  | { kind: 'stocktake'; good: number; counted: number; saleDuringCount: number };

const quantityOf = (good: number) =>
  GOODS[good]!.unit === 'kg' ? fc.integer({ min: 1, max: 5000 }) : fc.integer({ min: 1, max: 6 });
const goodAnd = <T>(f: (good: number) => fc.Arbitrary<T>) => fc.integer({ min: 0, max: 2 }).chain(f);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc
    .uniqueArray(
      goodAnd((good) => quantityOf(good).map((quantity) => ({ good, quantity }))),
      { minLength: 1, maxLength: 3, selector: (l) => l.good },
    )
    .map((lines) => ({ kind: 'sale' as const, lines })),
  fc.nat(1000).map((p) => ({ kind: 'return' as const, pick: p })),
  goodAnd((good) => quantityOf(good).map((quantity) => ({ kind: 'receive' as const, good, quantity }))),
  goodAnd((good) =>
    fc
      .record({ counted: fc.integer({ min: 0, max: 40 }), saleDuringCount: fc.integer({ min: 0, max: 3 }) })
      .map((r) => ({ kind: 'stocktake' as const, good, ...r })),
  ),
);

describe('the cached on hand always equals the sum of the stock ledger', () => {
  let t: TestBox;
  beforeAll(async () => {
    t = await startTestBox();
  });
  afterAll(async () => {
    await t.stop();
    removeDir(t.dataDir);
  });

  async function sell(lines: ReadonlyArray<{ good: number; quantity: number }>) {
    const lanes = t.box.lanes;
    await lanes.handle(WHO, 'cart.open', {});
    for (const l of lines) {
      const p = GOODS[l.good]!;
      const scanned =
        p.unit === 'kg'
          ? await lanes.handle(WHO, 'cart.scan', { code: p.plu!, weightGrams: l.quantity })
          : await lanes.handle(WHO, 'cart.scan', { code: p.barcodes[0]!, quantity: l.quantity });
      expect(scanned.ok).toBe(true);
    }
    const cart = await lanes.handle(WHO, 'cart.tenderCash', { amountFen: 1_000_000 });
    const due = cart.data.cart!.totals.dueFen;
    const saleId = uuidv7();
    const done = await lanes.handle(WHO, 'cart.complete', { saleId, expectedDueFen: due });
    expect(done.ok).toBe(true);
    return saleId;
  }

  it('under random sequences of sales, returns, receipts and stocktakes with sales during the count', async () => {
    const model = new Map<string, number>(GOODS.map((p) => [p.sku, t.box.stock.onHand(p.sku)]));
    const add = (sku: string, delta: number) => model.set(sku, (model.get(sku) ?? 0) + delta);
    // sale lines still returnable: counted goods only, one unit at a time
    const returnable: Array<{ saleId: string; lineNo: number; sku: string; left: number }> = [];
    const db = new Database(join(t.dataDir, 'storebox.db'), { readonly: true });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        for (const o of ops) {
          if (o.kind === 'sale') {
            const saleId = await sell(o.lines);
            o.lines.forEach((l, i) => {
              const p = GOODS[l.good]!;
              add(p.sku, -l.quantity);
              if (p.unit === 'each') returnable.push({ saleId, lineNo: i + 1, sku: p.sku, left: l.quantity });
            });
          } else if (o.kind === 'return') {
            const open = returnable.filter((r) => r.left > 0);
            if (open.length === 0) continue;
            const r = open[o.pick % open.length]!;
            const refund = await t.box.returns.createReturn(SUPERVISOR, {
              refundId: randomUUID().replaceAll('-', ''),
              saleId: r.saleId,
              lines: [{ lineNo: r.lineNo, quantity: 1 }],
            });
            expect(refund.ok).toBe(true);
            r.left -= 1;
            add(r.sku, 1);
          } else if (o.kind === 'receive') {
            const p = GOODS[o.good]!;
            const received = t.box.purchasing.receive('manager1', {
              lines: [{ barcode: p.barcodes[0], quantity: o.quantity }],
            });
            expect(received.ok).toBe(true);
            add(p.sku, o.quantity);
          } else {
            const p = GOODS[o.good]!;
            const sheet = t.box.stocktakes.start('manager1', p.categoryPath);
            expect(sheet.ok).toBe(true);
            if (!sheet.ok) return;
            const snapshot = model.get(p.sku)!;
            // a sale after counting started is its own movement: it must not be counted again
            if (o.saleDuringCount > 0) {
              await sell([{ good: o.good, quantity: o.saleDuringCount }]);
              add(p.sku, -o.saleDuringCount);
            }
            const counted = p.unit === 'kg' ? o.counted * 100 : o.counted;
            expect(t.box.stocktakes.count('manager1', sheet.value.id, { sku: p.sku, quantity: counted }).ok).toBe(true);
            const posted = t.box.stocktakes.post({ username: 'manager1', role: 'manager' }, sheet.value.id, '月度盘点');
            expect(posted.ok).toBe(true);
            add(p.sku, counted - snapshot);
          }
        }
        for (const p of GOODS) {
          const ledger = db
            .prepare('SELECT coalesce(sum(delta), 0) AS d FROM stock_ledger WHERE sku = ?')
            .get(p.sku) as {
            d: number;
          };
          expect(t.box.stock.onHand(p.sku)).toBe(model.get(p.sku));
          expect(ledger.d).toBe(model.get(p.sku));
        }
        expect(t.box.stock.verify()).toEqual([]);
      }),
      { numRuns: 12 },
    );
    db.close();
  }, 240_000);
});
