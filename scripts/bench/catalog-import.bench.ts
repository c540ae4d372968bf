/**
 * Catalog import figures: a generated 200k-row CSV (Chinese headers, one EAN-13 each, a tenth sold
 * by weight) imported into a fresh database through the import use case, the same file re-imported
 * with every row unchanged, the box's index reload, and a lane's barcode lookup through the
 * CatalogService index (classify + resolve, as a scan does). npm run bench -- --only catalog-import
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCatalogFile } from '../../server/adapters/catalog-import/read-catalog-file.ts';
import { nodeSecrets } from '../../server/adapters/crypto/node-crypto.ts';
import { AuditLogRepository } from '../../server/adapters/sqlite/audit-log.repository.ts';
import { databasePath, openDatabase } from '../../server/adapters/sqlite/database.ts';
import { loadMigrations } from '../../server/adapters/sqlite/migration-files.ts';
import { migrate } from '../../server/adapters/sqlite/migrator.ts';
import { ProductRepository } from '../../server/adapters/sqlite/product.repository.ts';
import { sqliteTransactions } from '../../server/adapters/sqlite/sqlite-transactions.ts';
import { StoreRepository } from '../../server/adapters/sqlite/store.repository.ts';
import { CatalogService } from '../../server/app/catalog/catalog-service.ts';
import { importCatalog, type CatalogImportSummary } from '../../server/app/catalog/import-catalog.ts';
import { classifyScannedCode, withGtinCheckDigit } from '../../server/core/catalog/index.ts';
import { systemClock } from '../../server/runtime/clock.ts';
import { percentile, round, type BenchResult } from './bench-result.ts';

const ROWS = 200_000;
const BATCHES = 200;
const PER_BATCH = 1000;

const eanOf = (i: number) => withGtinCheckDigit(`69${String(1 + (i % 9))}${String(i).padStart(9, '0')}`);

function catalogCsv(rows: number): Buffer {
  const lines = ['商品编码,商品名称,英文名称,分类,单位,售价,税率,条码,PLU,状态'];
  for (let i = 0; i < rows; i++) {
    const weighed = i % 10 === 0;
    const price = 100 + ((i * 7919) % 99_900);
    lines.push(
      `B${String(i).padStart(7, '0')},测试商品${i} ${weighed ? '散装' : '500ml'},Test item ${i},食品/类${i % 20}/小类${i % 200},${weighed ? '千克' : '个'},${Math.floor(price / 100)}.${String(price % 100).padStart(2, '0')},${weighed ? '9%' : '13%'},${eanOf(i)},,在售`,
    );
  }
  return Buffer.from(lines.join('\n') + '\n');
}

function timed<T>(fn: () => T): { value: T; seconds: number } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { value, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

export default async function (): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'storebox-bench-import-'));
  const db = openDatabase(databasePath(dir));
  try {
    migrate(db, loadMigrations());
    const products = new ProductRepository(db);
    const deps = {
      tx: sqliteTransactions(db),
      clock: systemClock,
      secrets: nodeSecrets,
      repos: { audit: new AuditLogRepository(db), products },
      readCatalogFile,
    };
    const csv = catalogCsv(ROWS);
    const run = (bytes: Buffer, fileName: string) => {
      const r = importCatalog(deps, bytes, { fileName, partial: false, dryRun: false, actor: 'bench' });
      if (!r.ok || r.value.outcome !== 'imported')
        throw new Error(`import failed: ${JSON.stringify(r.ok ? r.value.errors.slice(0, 3) : r)}`);
      return r.value;
    };
    const first = timed(() => run(csv, 'catalog.csv'));
    if (first.value.created !== ROWS) throw new Error(`created ${first.value.created} of ${ROWS}`);
    // the same rows in other bytes: not the recorded file, so every row is compared and found unchanged
    const again = timed((): CatalogImportSummary => run(Buffer.concat([csv, Buffer.from('\n')]), 'catalog-again.csv'));
    if (again.value.unchanged !== ROWS) throw new Error(`unchanged ${again.value.unchanged} of ${ROWS}`);

    const catalog = new CatalogService(products, new StoreRepository(db));
    const reload = timed(() => catalog.refresh());
    const layouts = catalog.layouts();
    const codes = Array.from({ length: PER_BATCH * 10 }, (_, k) => eanOf((k * 104_729) % ROWS));
    const perLookupUs: number[] = [];
    let found = 0;
    for (let b = 0; b < BATCHES; b++) {
      const start = process.hrtime.bigint();
      for (let k = 0; k < PER_BATCH; k++) {
        const scanned = classifyScannedCode(codes[(b * PER_BATCH + k) % codes.length], layouts);
        if (scanned.ok && catalog.index().resolve(scanned.value).ok) found++;
      }
      perLookupUs.push(Number(process.hrtime.bigint() - start) / 1e3 / PER_BATCH);
    }
    if (found !== BATCHES * PER_BATCH) throw new Error(`found ${found} of ${BATCHES * PER_BATCH}`);

    return [
      {
        name: `import ${ROWS / 1000}k-row CSV into a fresh database`,
        value: round(first.seconds, 2),
        unit: 's',
        target: '≤ 5 s',
        ok: first.seconds <= 5,
      },
      {
        name: `re-import the same ${ROWS / 1000}k rows, all unchanged`,
        value: round(again.seconds, 2),
        unit: 's',
        target: '≤ 5 s',
        ok: again.seconds <= 5,
      },
      {
        name: `reload the box's index of ${ROWS / 1000}k products`,
        value: round(reload.seconds, 2),
        unit: 's',
        target: '≤ 2 s',
        ok: reload.seconds <= 2,
      },
      {
        name: 'barcode lookup (classify + resolve), p99 of batch means',
        value: round(percentile(perLookupUs, 99), 3),
        unit: 'µs',
        target: '≤ 20 µs',
        ok: percentile(perLookupUs, 99) <= 20,
      },
    ];
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
