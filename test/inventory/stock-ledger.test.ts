import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/adapters/sqlite/database.ts';
import { readMigrationsDir } from '../../server/adapters/sqlite/migration-files.ts';
import { migrate } from '../../server/adapters/sqlite/migrator.ts';
import { StockRepository } from '../../server/adapters/sqlite/stock.repository.ts';
import { removeDir } from '../support/test-box.ts';

const all = readMigrationsDir(join(import.meta.dirname, '../../migrations'));
let dir: string | undefined;
let db: Db | undefined;
afterEach(() => {
  db?.close();
  if (dir) removeDir(dir);
  db = dir = undefined;
});
function openDb(): Db {
  dir = mkdtempSync(join(tmpdir(), 'storebox-stock-'));
  db = openDatabase(join(dir, 'storebox.db'));
  return db;
}

describe('the stock ledger', () => {
  it('carries the movements sales and refunds wrote before it over, and derives their on hand', () => {
    const d = openDb();
    migrate(
      d,
      all.filter((m) => m.version < 20),
    );
    const put = d.prepare('INSERT INTO stock_movement (sku, delta, reason, ref, at) VALUES (?, ?, ?, ?, ?)');
    put.run('A', -3, 'sale', 's1', '2026-01-01T10:00:00.000Z');
    put.run('A', 1, 'refund', 'r1', '2026-01-02T10:00:00.000Z');
    put.run('B', -1250, 'sale', 's1', '2026-01-01T10:00:00.000Z');
    migrate(d, all);
    expect(d.prepare('SELECT sku, kind, delta, ref FROM stock_ledger ORDER BY id').all()).toEqual([
      { sku: 'A', kind: 'sale', delta: -3, ref: 's1' },
      { sku: 'A', kind: 'refund', delta: 1, ref: 'r1' },
      { sku: 'B', kind: 'sale', delta: -1250, ref: 's1' },
    ]);
    const stock = new StockRepository(d);
    expect(stock.onHand('A')).toBe(-2);
    expect(stock.onHand('B')).toBe(-1250);
    expect(stock.level('A')).toMatchObject({ lastSaleAt: '2026-01-01T10:00:00.000Z' });
    expect(stock.verify()).toEqual([]);
    expect(d.prepare("SELECT name FROM sqlite_master WHERE name = 'stock_movement'").get()).toBeUndefined();
  });

  it('is append-only: a movement can be neither changed nor deleted', () => {
    const d = openDb();
    migrate(d, all);
    const stock = new StockRepository(d);
    stock.append({ sku: 'A', kind: 'receiving', delta: 10, ref: 'rc1', at: '2026-01-01T10:00:00.000Z' });
    expect(() => d.prepare('UPDATE stock_ledger SET delta = 99').run()).toThrow(/append-only/);
    expect(() => d.prepare('DELETE FROM stock_ledger').run()).toThrow(/append-only/);
    expect(stock.onHand('A')).toBe(10);
  });

  it('updates the cached on hand with each movement, lets it go negative, and verify finds a cache that drifted', () => {
    const d = openDb();
    migrate(d, all);
    const stock = new StockRepository(d);
    const at = '2026-01-01T10:00:00.000Z';
    d.transaction(() => {
      stock.append({ sku: 'A', kind: 'receiving', delta: 2, ref: 'rc1', at, unitCostFen: 150 });
      stock.append({ sku: 'A', kind: 'sale', delta: -5, ref: 's1', at });
    })();
    expect(stock.onHand('A')).toBe(-3);
    expect(stock.levels({ below: 'zero', limit: 10 }).map((l) => l.sku)).toEqual(['A']);
    // a movement rolled back with its cause leaves neither the row nor the cache behind
    expect(() =>
      d.transaction(() => {
        stock.append({ sku: 'A', kind: 'sale', delta: -1, ref: 's2', at });
        throw new Error('the sale failed');
      })(),
    ).toThrow('the sale failed');
    expect(stock.onHand('A')).toBe(-3);
    expect(stock.movements({ sku: 'A', limit: 10 })).toHaveLength(2);
    expect(stock.verify()).toEqual([]);
    d.prepare("UPDATE stock_level SET on_hand = 7 WHERE sku = 'A'").run();
    expect(stock.verify()).toEqual([{ sku: 'A', cached: 7, ledger: -3 }]);
  });
});
