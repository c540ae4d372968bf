import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withGtinCheckDigit } from '../../server/core/catalog/index.ts';
import { runCommand, spawnBox, type BoxProcess } from '../support/box-process.ts';
import { removeDir } from '../support/test-box.ts';

const HEADER = '商品编码,商品名称,分类,单位,售价,税率,条码';
const ean = (n: number) => withGtinCheckDigit(`6932${String(n).padStart(8, '0')}`);

describe('storebox import-catalog into a running box', () => {
  const dir = mkdtempSync(join(tmpdir(), 'storebox-import-cli-'));
  const dataDir = join(dir, 'data');
  const env = { STOREBOX_DATA_DIR: dataDir, STOREBOX_LOG_LEVEL: 'silent' };
  let box: BoxProcess;
  let token: string;
  const api = async (path: string, body?: unknown) => {
    const res = await fetch(`http://127.0.0.1:${box.httpPort}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as any;
  };
  const file = (name: string, rows: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, [HEADER, ...rows].join('\n'));
    return path;
  };

  beforeAll(async () => {
    box = await spawnBox({ STOREBOX_DATA_DIR: dataDir });
    const login = await fetch(`http://127.0.0.1:${box.httpPort}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'manager1', password: 'manager1pass' }),
    });
    token = ((await login.json()) as any).data.token;
  });
  afterAll(async () => {
    box.child.kill('SIGTERM');
    await box.exited;
    removeDir(dir);
  });

  it('imports while the box runs; the box then scans the new product', async () => {
    const before = await api('/api/v1/pricing/quote', { items: [{ barcode: ean(1) }] });
    expect(before.error.code).toBe('CATALOG_UNKNOWN_BARCODE');
    const r = await runCommand(
      ['import-catalog', file('new.csv', [`CLI-001,北冰洋汽水 248ml,食品/饮料/碳酸饮料,瓶,4.00,13%,${ean(1)}`])],
      env,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 rows: 1 imported (1 new, 0 changed)');
    expect(r.stderr).toContain('parsed 1 rows');
    // the box's refresher polls the catalog revision every second
    let quote: any;
    for (let i = 0; i < 50; i++) {
      quote = await api('/api/v1/pricing/quote', { items: [{ barcode: ean(1), qty: 3 }] });
      if (quote.ok) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(quote.data.lines[0]).toMatchObject({ sku: 'CLI-001', quantity: 3, grossFen: 1200 });
    const again = await runCommand(['import-catalog', join(dir, 'new.csv')], env);
    expect(again.stdout).toContain('was imported before');
  });

  it('a file with bad rows: exit 65, every bad row printed, nothing imported; --partial imports the rest; --dry-run writes nothing', async () => {
    const bad = file('bad.csv', [
      `CLI-010,好的,食品/零食,个,1.00,13%,`,
      `CLI-011,坏的,食品/零食,个,一元,13%,`,
      `CLI-012,也坏,食品/零食,盒子,1.00,13%,`,
    ]);
    const rejected = await runCommand(['import-catalog', bad], env);
    expect(rejected.code).toBe(65);
    expect(rejected.stdout).toContain('row 3, column 售价');
    expect(rejected.stdout).toContain('row 4, column 单位');
    expect(rejected.stdout).toContain('nothing imported');
    expect((await api('/api/v1/products/CLI-010')).error.code).toBe('PRODUCT_NOT_FOUND');

    const dry = await runCommand(['import-catalog', bad, '--partial', '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('dry run, nothing written: 3 rows: 1 imported');
    expect((await api('/api/v1/products/CLI-010')).error.code).toBe('PRODUCT_NOT_FOUND');

    const partial = await runCommand(['import-catalog', bad, '--partial'], env);
    expect(partial.code).toBe(0);
    expect(partial.stdout).toContain('3 rows: 1 imported (1 new, 0 changed), 0 unchanged, 2 bad');
    expect((await api('/api/v1/products/CLI-010')).data.priceFen).toBe(100);
  });

  it('usage errors', async () => {
    expect((await runCommand(['import-catalog'], env)).code).toBe(64);
    const missing = await runCommand(['import-catalog', join(dir, 'nope.csv')], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('does not exist');
  });
});
