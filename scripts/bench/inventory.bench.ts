import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { StockRepository } from '../../server/adapters/sqlite/stock.repository.ts';
import type { SaleEffectInput } from '../../server/app/checkout/complete-sale.ts';
import { stockSaleEffect } from '../../server/app/inventory/stock-effects.ts';
import { startBox } from '../../server/main.ts';
import { testConfig } from '../../test/support/test-box.ts';
import { percentile, round, type BenchResult } from './bench-result.ts';

const PRODUCTS = 200_000;
const LOOKUPS = 50_000;
const SALES = 2_000;
const LINES_PER_SALE = 5;

/**
 * Inventory on the real box's database (WAL, the box's pragmas): 200,000 products with a year's worth of
 * ledger rows' cached levels, then
 * - on-hand lookup through the stock service (one indexed row of stock_level), and
 * - a sale's extra stock write on its commit: the same sale-sized transaction (its outbox row) committed with
 *   and without the stock sale effect for a 5-line sale, alternated, and the medians compared; and the stock
 *   statements alone before any commit. The rest of the extra is the commit's fsync (synchronous = FULL) of the
 *   pages the movements dirty: per line, one page of the ledger's sku index and one of stock_level (random SKUs).
 */
export default async function (): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'storebox-bench-inventory-'));
  const box = await startBox(testConfig(dataDir), pino({ level: 'silent' }));
  try {
    const { db } = box.ctx;
    const sku = (i: number) => `BENCH-${String(i).padStart(6, '0')}`;
    const stock = new StockRepository(db);
    const at = '2026-01-01T10:00:00.000Z';
    db.transaction(() => {
      for (let i = 0; i < PRODUCTS; i++)
        stock.append({ sku: sku(i), kind: 'receiving', delta: 100 + (i % 50), ref: 'bench-seed', at });
    })();

    // deterministic picks (LCG, Numerical Recipes constants)
    let s = 12345;
    const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const lookups: number[] = [];
    for (let i = 0; i < LOOKUPS; i++) {
      const wanted = sku(Math.floor(next() * PRODUCTS));
      const t0 = performance.now();
      const onHand = box.stock.onHand(wanted);
      lookups.push((performance.now() - t0) * 1000);
      if (onHand < 100) throw new Error(`${wanted}: on hand ${onHand}`);
    }

    const effect = stockSaleEffect(stock);
    const outbox = box.ctx.repos.outbox;
    const saleOf = (n: number) => {
      const lines = Array.from({ length: LINES_PER_SALE }, (_, k) => ({
        sku: sku(Math.floor(next() * PRODUCTS)),
        quantity: 1 + k,
      }));
      return {
        sale: { id: `bench-sale-${String(n).padStart(6, '0')}`, completedAt: at, lines },
      } as unknown as SaleEffectInput;
    };
    const commit = (input: SaleEffectInput, withStock: boolean) => {
      const t0 = performance.now();
      db.transaction(() => {
        outbox.append('bench.sale', input.sale, at);
        if (withStock) effect.apply(input);
      })();
      return performance.now() - t0;
    };
    const without: number[] = [];
    const withStock: number[] = [];
    for (let n = 0; n < SALES; n++) {
      const input = saleOf(n);
      if (n % 2 === 0) (without.push(commit(input, false)), withStock.push(commit(input, true)));
      else (withStock.push(commit(input, true)), without.push(commit(input, false)));
    }
    const extraMs = Math.max(0, percentile(withStock, 50) - percentile(without, 50));
    // the same writes before any commit (rolled back): what of the extra is the statements, what the bigger fsync
    const inside: number[] = [];
    for (let n = 0; n < SALES; n++) {
      const input = saleOf(SALES + n);
      db.exec('BEGIN IMMEDIATE');
      const t0 = performance.now();
      effect.apply(input);
      inside.push(performance.now() - t0);
      db.exec('ROLLBACK');
    }
    if (box.stock.verify().length > 0) throw new Error('stock cache disagrees with the ledger after the bench');

    const p50 = percentile(lookups, 50);
    const p99 = percentile(lookups, 99);
    return [
      {
        name: 'on-hand lookup p50 (200k products)',
        value: round(p50, 2),
        unit: 'µs',
        target: '≤ 50 µs',
        ok: p50 <= 50,
      },
      {
        name: 'on-hand lookup p99 (200k products)',
        value: round(p99, 2),
        unit: 'µs',
        target: '≤ 50 µs',
        ok: p99 <= 50,
      },
      {
        name: `sale commit p50 without stock (${LINES_PER_SALE} lines)`,
        value: round(percentile(without, 50)),
        unit: 'ms',
        target: 'baseline',
        ok: true,
      },
      {
        name: `sale's extra stock write on the commit p50 (${LINES_PER_SALE} lines)`,
        value: round(extraMs),
        unit: 'ms',
        target: '≤ 0.2 ms',
        ok: extraMs <= 0.2,
      },
      {
        name: `  of which the stock statements, before the commit p50`,
        value: round(percentile(inside, 50)),
        unit: 'ms',
        target: 'part of the above',
        ok: true,
      },
    ];
  } finally {
    await box.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
